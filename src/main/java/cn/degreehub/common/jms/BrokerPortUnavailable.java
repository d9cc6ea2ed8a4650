package cn.degreehub.common.jms;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The embedded broker's TCP acceptor could not listen: the hub does not start. */
public class BrokerPortUnavailable extends RuntimeException {

    private final String url;

    public BrokerPortUnavailable(String url) {
        super("The embedded broker cannot listen on " + url);
        this.url = url;
    }

    /** Spring Boot's start-up failure report, as for a busy HTTP port: what happened and what to do, no stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<BrokerPortUnavailable> {
        @Override
        protected FailureAnalysis analyze(Throwable root, BrokerPortUnavailable cause) {
            return new FailureAnalysis("The embedded message broker could not listen on " + cause.url
                    + " (the port is in use or the address is not on this machine) / 内嵌消息代理无法监听 " + cause.url,
                    "Stop the other process on that port, or start the hub with another broker port:"
                            + " DEGREEHUB_BROKER_PORT=61617 (see README, Ports)", cause);
        }
    }
}
