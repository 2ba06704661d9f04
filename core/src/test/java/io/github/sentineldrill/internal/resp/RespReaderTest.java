package io.github.sentineldrill.internal.resp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probes' RESP2 parser, on bytes: every reply type, and every malformed input as an IOException of its own. */
class RespReaderTest {

    @Test
    void readsEveryReplyType() throws Exception {
        RespReader reader = reader("+OK\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n:7\r\n*-1\r\n*0\r\n");

        assertThat(reader.read()).isEqualTo("OK");
        assertThat(reader.read()).isEqualTo(42L);
        assertThat(reader.read()).isEqualTo("hello");
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isEqualTo(List.of("a", 7L));
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isEqualTo(List.of());
    }

    @Test
    void anErrorReplyIsThrownAndAnErrorInsideAnArrayIsAnElement() throws Exception {
        assertThatThrownBy(() -> reader("-READONLY You can't write against a read only replica.\r\n").read())
                .isInstanceOf(RespErrorReply.class).hasMessage("READONLY You can't write against a read only replica.");
        Object reply = reader("*2\r\n+OK\r\n-ERR no\r\n").read();
        assertThat((List<?>) reply).element(1).isInstanceOf(RespErrorReply.class);
    }

    @Test
    void aNumberThatIsNotOneIsAProtocolErrorNotAnUncheckedException() {
        assertThatThrownBy(() -> reader(":forty-two\r\n").read()).isInstanceOf(RespProtocolException.class)
                .hasMessage("not a number: 'forty-two'");
        assertThatThrownBy(() -> reader("$x\r\nab\r\n").read()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("*9999999999999\r\n").read()).isInstanceOf(RespProtocolException.class);
    }

    @Test
    void malformedAndTruncatedInputIsAnIOExceptionThatSaysWhat() {
        assertThatThrownBy(() -> reader("?what\r\n").read()).isInstanceOf(RespProtocolException.class)
                .hasMessage("unexpected RESP type byte 0x3f");
        assertThatThrownBy(() -> reader("+OK\rX").read()).isInstanceOf(RespProtocolException.class)
                .hasMessage("CR not followed by LF");
        assertThatThrownBy(() -> reader("$5\r\nhel").read()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("$2\r\nhiXY").read()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("").read()).isInstanceOf(EOFException.class)
                .hasMessage("connection closed by the server");
        assertThatThrownBy(() -> reader("*2\r\n:1\r\n").read()).isInstanceOf(EOFException.class);
    }

    @Test
    void commandsAreEncodedAsArraysOfBulkStrings() {
        String encoded = RespConnection.encode(new String[] {"SET", "k\u00e9", ""}).toString(StandardCharsets.UTF_8);
        assertThat(encoded).isEqualTo("*3\r\n$3\r\nSET\r\n$3\r\nk\u00e9\r\n$0\r\n\r\n");
    }

    private static RespReader reader(String bytes) {
        return new RespReader(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.UTF_8)));
    }
}
