package io.github.sentineldrill.fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    @Test
    void faultsAreValuesThatPrintAsTheCallThatBuiltThem() {
        assertThat(Faults.killMaster()).isEqualTo(Faults.killMaster()).hasToString("killMaster()");
        assertThat(Faults.freezeMaster(Duration.ofSeconds(3))).hasToString("freezeMaster(3000 ms)")
                .isNotEqualTo(Faults.freezeMaster(Duration.ofSeconds(2)));
        assertThat(Faults.killReplica(1)).hasToString("killReplica(1)");
        assertThat(Faults.killSentinels(2)).hasToString("killSentinels(2)").isEqualTo(Faults.killSentinels(2));
        assertThat(Faults.partitionMaster(Duration.ofMillis(500)).duration()).hasValue(Duration.ofMillis(500));
        assertThat(Faults.manualFailover().duration()).isEmpty();
        assertThat(Faults.killShard(1)).hasToString("killShard(1)");
        assertThat(Faults.manualFailover(FailoverMode.TAKEOVER)).hasToString("manualFailover(FailoverMode.TAKEOVER)");
    }

    @Test
    void aFaultAimedAtAnotherShardSaysSoAndIsAnotherValue() {
        NodeFault onShard2 = Faults.killMaster().onShard(2);
        assertThat(onShard2).hasToString("killMaster().onShard(2)").isNotEqualTo(Faults.killMaster())
                .isEqualTo(Faults.killMaster().onShard(2));
        assertThat(onShard2.shard()).isEqualTo(2);
        assertThat(onShard2.onShard(0)).isEqualTo(Faults.killMaster());
        assertThat(Faults.freezeMaster(Duration.ofSeconds(1)).onShard(1))
                .hasToString("freezeMaster(1000 ms).onShard(1)");
        assertThatThrownBy(() -> Faults.killMaster().onShard(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onShard: shard = -1; allowed: 0 to shards - 1");
    }

    @Test
    void onlyNodeLossFaultsSpareTheMaster() {
        assertThat(Faults.killReplica(0).targetsMaster()).isFalse();
        assertThat(Faults.killSentinels(1).targetsMaster()).isFalse();
        assertThat(Faults.restartMaster().targetsMaster()).isTrue();
        assertThat(Faults.manualFailover().name()).isEqualTo("manualFailover");
    }

    @Test
    void badArgumentsNameTheArgumentTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> Faults.killReplica(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("killReplica: index = -1; allowed: 0 to replicas - 1");
        assertThatThrownBy(() -> Faults.killSentinels(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("killSentinels: count = 0; allowed: 1 to sentinels");
        assertThatThrownBy(() -> Faults.freezeMaster(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration = PT0S; allowed: a positive duration");
        assertThatThrownBy(() -> Faults.partitionMaster(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("duration");
    }
}
