package cn.degreehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** What the console shows of the queues while the broker cannot be asked (a failover, a broker down). */
class QueuesTest {

    @Test
    void depthsAreUnknownNotAnErrorWhileTheBrokerCannotBeAsked() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        try (ActiveMQConnectionFactory nowhere = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + closedPort + "?reconnectAttempts=0&initialConnectAttempts=1")) {
            Queues queues = new Queues(nowhere, List.of("degreehub.filing.in", "DLQ.degreehub.filing.in"), q -> 0, null,
                    Path.of("target"));
            assertThat(queues.depth("degreehub.filing.in")).isNull();
            assertThat(queues.deadLetterDepths()).containsKey("DLQ.degreehub.filing.in");
            assertThat(queues.deadLetterDepths().get("DLQ.degreehub.filing.in")).isNull();
            assertThat(queues.list()).extracting(Queues.QueueInfo::depth).containsOnlyNulls();
        }
    }
}
