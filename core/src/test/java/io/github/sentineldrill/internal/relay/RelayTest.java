package io.github.sentineldrill.internal.relay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The relay over real TCP on loopback, in front of a small echo server. */
class RelayTest {

    private ServerSocket echoServer;
    private Thread echoThread;
    private RelayHub hub;
    private Relay relay;

    @BeforeEach
    void startEchoServerAndRelay() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        echoServer = new ServerSocket(0, 50, loopback);
        echoThread = new Thread(this::echo, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
        hub = RelayHub.start("test");
        InetSocketAddress node = new InetSocketAddress(loopback, echoServer.getLocalPort());
        relay = hub.open("echo", loopback, () -> node);
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
        echoServer.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
            assertThat(roundTrip(client, "again")).isEqualTo("again");
        }
    }

    @Test
    void aCutStallsOpenConnectionsAndHoldsNewOnesUntilRestored() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "one")).isEqualTo("one");
            hub.cut(relay);
            assertThat(relay.isCut()).isTrue();

            send(before, "two");
            assertThatThrownBy(() -> receive(before, 3)).isInstanceOf(SocketTimeoutException.class);
            try (Socket during = connect()) {
                send(during, "three");
                assertThatThrownBy(() -> receive(during, 5)).as("a connection made during the cut")
                        .isInstanceOf(SocketTimeoutException.class);

                hub.restore(relay);
                assertThat(receive(before, 3)).as("what stalled flows on").isEqualTo("two");
                assertThat(receive(during, 5)).isEqualTo("three");
            }
        }
    }

    @Test
    void refusingMakesItsPortRefuseConnectionsUntilItListensAgainOnTheSamePort() throws IOException {
        int port = relay.address().getPort();
        hub.refuse(relay);
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);

        hub.listen(relay);
        assertThat(relay.address().getPort()).isEqualTo(port);
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "back")).isEqualTo("back");
        }
    }

    @Test
    void aConnectionIsClosedWhenTheNodeRefusesIt() throws IOException, InterruptedException {
        int port = echoServer.getLocalPort();
        echoServer.close();
        // A socket closed while a thread is blocked in accept() is released when that thread has let go of it.
        echoThread.join(5_000);
        assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.1"), port).close())
                .as("the node's port, closed").isInstanceOf(ConnectException.class);
        try (Socket client = connect()) {
            client.setSoTimeout(2000);
            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void newestLinkAgeCountsFromTheLastAcceptedConnection() throws IOException {
        assertThat(hub.newestLinkAge(relay)).isEmpty();
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "x")).isEqualTo("x");
            assertThat(hub.newestLinkAge(relay)).isPresent();
            assertThat(hub.newestLinkAge(relay).getAsLong()).isLessThan(5_000_000_000L);
        }
    }

    /** One failing handler must not end the one thread that serves every relay of the topology. */
    @Test
    void aHandlerThatThrowsDoesNotStopTheThreadServingEveryRelay() throws IOException {
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        AtomicBoolean ran = new AtomicBoolean();
        hub.register(pipe.source(), java.nio.channels.SelectionKey.OP_READ, key -> {
            ran.set(true);
            throw new IllegalStateException("a handler's bug");
        });
        pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        await("the failing handler run").atMost(Duration.ofSeconds(5)).untilTrue(ran);

        long begin = System.nanoTime();
        hub.cut(relay);
        hub.restore(relay);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("the hub's calls, answered")
                .isLessThan(Duration.ofSeconds(2));
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "still")).isEqualTo("still");
        }
        pipe.sink().close();
    }

    @Test
    void linksTaggedWithACutTagStallWhileTheOthersFlowAndFlowOnWhenRestored() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetSocketAddress node = new InetSocketAddress(loopback, echoServer.getLocalPort());
        Relay tagged = hub.open("tagged", loopback, () -> node,
                firstBytes -> Optional.of(firstBytes.get(0) == 'A' ? "from-a" : ""));
        try (Socket fromA = connect(tagged); Socket fromB = connect(tagged)) {
            assertThat(roundTrip(fromA, "A1")).isEqualTo("A1");
            hub.cutTag("from-a");
            assertThat(roundTrip(fromB, "B1")).as("an untagged link").isEqualTo("B1");
            send(fromA, "A2");
            assertThatThrownBy(() -> receive(fromA, 2)).isInstanceOf(SocketTimeoutException.class);
            try (Socket newFromA = connect(tagged)) {
                send(newFromA, "A3");
                assertThatThrownBy(() -> receive(newFromA, 2)).as("a new link from the cut sender")
                        .isInstanceOf(SocketTimeoutException.class);
                hub.restoreTag("from-a");
                assertThat(receive(fromA, 2)).isEqualTo("A2");
                assertThat(receive(newFromA, 2)).isEqualTo("A3");
            }
        }
    }

    @Test
    void theClusterBusTaggerReadsTheSendersNodeIdFromTheMessageHeader() {
        ClusterBusTagger tagger = new ClusterBusTagger();
        byte[] header = new byte[120];
        System.arraycopy("RCmb".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 4);
        byte[] id = "0123456789abcdef0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, header, 40, 40);

        assertThat(tagger.tag(java.nio.ByteBuffer.wrap(header, 0, 30).slice())).as("not enough bytes yet").isEmpty();
        assertThat(tagger.tag(java.nio.ByteBuffer.wrap(header))).hasValue(new String(id, StandardCharsets.US_ASCII));
        assertThat(tagger.tag(java.nio.ByteBuffer.wrap("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII))))
                .as("a client connection").hasValue("");
    }

    private Socket connect(Relay target) throws IOException {
        Socket socket = new Socket(target.address().getAddress(), target.address().getPort());
        socket.setSoTimeout(300);
        return socket;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(relay.address().getAddress(), relay.address().getPort());
        socket.setSoTimeout(300);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        return receive(socket, text.length());
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String receive(Socket socket, int length) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private void echo() {
        while (!echoServer.isClosed()) {
            try {
                Socket connection = echoServer.accept();
                Thread copier = new Thread(() -> {
                    try (connection) {
                        connection.getInputStream().transferTo(connection.getOutputStream());
                    } catch (IOException e) {
                        // the client went away
                    }
                }, "echo-connection");
                copier.setDaemon(true);
                copier.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
