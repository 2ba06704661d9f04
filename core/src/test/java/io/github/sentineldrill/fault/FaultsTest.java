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
        assertThat(Faults.killSentinels(2).sentinelCount()).hasValue(2);
        assertThat(Faults.killSentinels(2).replicaIndex()).isEmpty();
        assertThat(Faults.partitionMaster(Duration.ofMillis(500)).duration()).hasValue(Duration.ofMillis(500));
        assertThat(Faults.manualFailover().duration()).isEmpty();
    }

    @Test
    void onlyNodeLossFaultsSpareTheMaster() {
        assertThat(Faults.killReplica(0).targetsMaster()).isFalse();
        assertThat(Faults.killSentinels(1).targetsMaster()).isFalse();
        assertThat(Faults.restartMaster().targetsMaster()).isTrue();
        assertThat(Faults.manualFailover().kind()).isEqualTo(Fault.Kind.MANUAL_FAILOVER);
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
