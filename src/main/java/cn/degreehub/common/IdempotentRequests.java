package cn.degreehub.common;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a state-changing request once per (account, operation, requestId). The key is claimed first, in
 * the same transaction as the work, so a repeat — even a concurrent one — gets the first answer and
 * changes nothing, and a failed attempt leaves no key behind.
 */
public class IdempotentRequests {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<Class<?>, JAXBContext> contexts = new ConcurrentHashMap<>();

    public IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    public <T> T once(String account, String operation, String requestId, Class<T> responseType, Supplier<T> work) {
        T earlier = stored(account, operation, requestId, responseType);
        if (earlier != null) {
            return earlier;
        }
        try {
            return tx.execute(status -> {
                jdbc.update("INSERT INTO idempotent_request (account, operation, request_id, response, created_at)"
                        + " VALUES (?, ?, ?, '-', ?)", account, operation, requestId, UtcTime.column(clock.instant()));
                T response = work.get();
                jdbc.update("UPDATE idempotent_request SET response = ? WHERE account = ? AND operation = ? AND request_id = ?",
                        marshal(response), account, operation, requestId);
                return response;
            });
        } catch (DuplicateKeyException e) {
            T other = stored(account, operation, requestId, responseType);
            if (other == null) {
                throw e;
            }
            return other;
        }
    }

    private <T> T stored(String account, String operation, String requestId, Class<T> type) {
        List<String> rows = jdbc.queryForList("SELECT response FROM idempotent_request WHERE account = ? AND operation = ?"
                + " AND request_id = ?", String.class, account, operation, requestId);
        if (rows.isEmpty() || "-".equals(rows.get(0))) {
            return null;
        }
        try {
            return type.cast(context(type).createUnmarshaller().unmarshal(new StringReader(rows.get(0))));
        } catch (JAXBException e) {
            throw new IllegalStateException("Stored answer of " + operation + " cannot be read", e);
        }
    }

    private String marshal(Object response) {
        try {
            StringWriter out = new StringWriter();
            context(response.getClass()).createMarshaller().marshal(response, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    private JAXBContext context(Class<?> type) {
        return contexts.computeIfAbsent(type, t -> {
            try {
                return JAXBContext.newInstance(t);
            } catch (JAXBException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
