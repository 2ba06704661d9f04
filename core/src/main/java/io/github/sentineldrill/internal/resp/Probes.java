package io.github.sentineldrill.internal.resp;

import io.github.sentineldrill.NodeAddress;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Connections for the runtime's probes, kept open between calls: a wait that polls every few milliseconds reuses one
 * socket per node instead of opening one per poll (which leaves a pile of sockets in TIME_WAIT). A connection is
 * used by one caller at a time; after any failure other than an error reply it is closed, so the next call connects
 * anew and never reads a late reply meant for an earlier one. A call on an idle connection that the node has closed
 * meanwhile (it was restarted) is made once more on a new connection; a call that timed out is not. Safe for use
 * from several threads.
 */
public final class Probes implements AutoCloseable {

    /** What a probe does with a connection. */
    @FunctionalInterface
    public interface Call<T> {
        T on(RespConnection connection) throws IOException;
    }

    private static final int IDLE_PER_ADDRESS = 2;

    private final Map<NodeAddress, Deque<RespConnection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Runs {@code call} on a connection to {@code address}, every reply awaited for at most {@code timeout}.
     *
     * @throws IOException when the node cannot be reached or does not answer in time, or answers with an error
     */
    public <T> T call(NodeAddress address, Duration timeout, Call<T> call) throws IOException {
        RespConnection idleOne = idleConnection(address, timeout);
        if (idleOne != null) {
            try {
                return run(idleOne, call);
            } catch (SocketTimeoutException | RespErrorReply e) {
                throw e;
            } catch (IOException stale) {
                // Closed by the node since it was last used (a restart, an idle timeout): once more on a new one.
            }
        }
        return run(RespConnection.open(address, timeout), call);
    }

    private <T> T run(RespConnection connection, Call<T> call) throws IOException {
        boolean reusable = false;
        try {
            T result = call.on(connection);
            reusable = true;
            return result;
        } catch (RespErrorReply error) {
            reusable = true;
            throw error;
        } finally {
            if (reusable) {
                release(connection);
            } else {
                connection.close();
            }
        }
    }

    /** Closes the idle connections to {@code address}, such as those of a node that was restarted. */
    public void forget(NodeAddress address) {
        Deque<RespConnection> connections = idle.remove(address);
        if (connections != null) {
            connections.forEach(RespConnection::close);
        }
    }

    /** An idle connection to {@code address} set to {@code timeout}, or null. */
    private RespConnection idleConnection(NodeAddress address, Duration timeout) {
        Deque<RespConnection> connections = idle.get(address);
        for (RespConnection connection = connections == null ? null : connections.pollFirst(); connection != null;
             connection = connections.pollFirst()) {
            try {
                if (connection.isOpen()) {
                    return connection.timeout(timeout);
                }
            } catch (IOException e) {
                connection.close();
            }
        }
        return null;
    }

    private void release(RespConnection connection) {
        if (closed) {
            connection.close();
            return;
        }
        Deque<RespConnection> connections = idle.computeIfAbsent(connection.address(),
                a -> new ConcurrentLinkedDeque<>());
        if (connections.size() >= IDLE_PER_ADDRESS) {
            connection.close();
        } else {
            connections.addFirst(connection);
        }
        if (closed) {
            forget(connection.address());
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.keySet().forEach(this::forget);
    }
}
