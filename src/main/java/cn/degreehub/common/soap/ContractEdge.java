package cn.degreehub.common.soap;

import jakarta.xml.bind.JAXBContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.w3c.dom.Document;

/**
 * A v2 endpoint's translation (docs/partner-interfaces.md, "Contract versions"): its request to the v1 request the
 * feature's routes take, their v1 answer to its v2 answer. Used as a bean in a v2 route, between the request's
 * unwrapping and the operation's direct: route.
 */
public final class ContractEdge {

    private final ContractVersions requests;
    private final ContractVersions answers;

    private ContractEdge(ContractVersions requests, ContractVersions answers) {
        this.requests = requests;
        this.answers = answers;
    }

    /**
     * @param v1            the v1 ObjectFactory of the service
     * @param v2            its v2 ObjectFactory
     * @param v2ToV1        each v2 namespace of the service's documents and its v1 namespace
     * @param answersAdjust a step on a v1 answer already in v2's namespaces, where v2 types a field differently
     */
    public static ContractEdge v2(Class<?> v1, Class<?> v2, Map<String, String> v2ToV1, Consumer<Document> answersAdjust) {
        java.util.function.Supplier<JAXBContext> one = ContractVersions.context(v1);
        java.util.function.Supplier<JAXBContext> two = ContractVersions.context(v2);
        Map<String, String> v1ToV2 = new HashMap<>();
        v2ToV1.forEach((k, v) -> v1ToV2.put(v, k));
        return new ContractEdge(
                new ContractVersions(two, one, v2ToV1, ContractVersions.RootRename.ADD_REQUEST_SUFFIX, d -> { }),
                new ContractVersions(one, two, v1ToV2, ContractVersions.RootRename.NONE, answersAdjust));
    }

    public Object toV1(Object v2Request) {
        return requests.translate(v2Request);
    }

    public Object toV2(Object v1Answer) {
        return answers.translate(v1Answer);
    }
}
