package cn.degreehub.common.soap;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.attachment.AttachmentMarshaller;
import jakarta.xml.bind.attachment.AttachmentUnmarshaller;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One contract version's documents as another's, at the SOAP edge: the hub's features are written against
 * contract v1 and a v2 endpoint hands them its requests as v1 objects and turns their v1 answers into v2
 * (docs/partner-interfaces.md, "Contract versions"). A document is written out with JAXB, its elements are moved
 * to the other version's namespaces (the request's root element renamed where the versions name it differently),
 * a version-specific step may adjust it, and it is read back with the other version's classes.
 * Binary content (MTOM) is handed over as it is, never copied through base64.
 */
public final class ContractVersions {

    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newDefaultInstance();

    static {
        DOCUMENTS.setNamespaceAware(true);
    }

    private final java.util.function.Supplier<JAXBContext> from;
    private final java.util.function.Supplier<JAXBContext> to;
    private final Map<String, String> namespaces;
    private final RootRename rootRename;
    private final Consumer<Document> adjust;

    /** How the root element's local name changes: v2 {@code op} is v1 {@code opRequest}; answers keep theirs. */
    public enum RootRename {
        NONE, ADD_REQUEST_SUFFIX, DROP_REQUEST_SUFFIX
    }

    /**
     * @param from       the JAXB context of the source version's classes
     * @param to         the JAXB context of the target version's classes
     * @param namespaces source namespace -> target namespace (others, e.g. the shared types, stay)
     * @param adjust     a step on the document in the target's namespaces before it is read, e.g. retyping a field
     */
    public ContractVersions(java.util.function.Supplier<JAXBContext> from, java.util.function.Supplier<JAXBContext> to,
                            Map<String, String> namespaces, RootRename rootRename, Consumer<Document> adjust) {
        this.from = from;
        this.to = to;
        this.namespaces = Map.copyOf(namespaces);
        this.rootRename = rootRename;
        this.adjust = adjust;
    }

    /**
     * The JAXB context of a contract package, made on first use: a context costs about a second to build, and a hub
     * whose partners are all on v1 never needs the v2 ones (startup time matters to every restart and every test hub).
     */
    public static java.util.function.Supplier<JAXBContext> context(Class<?> objectFactory) {
        return new java.util.function.Supplier<>() {
            private volatile JAXBContext context;

            @Override
            public JAXBContext get() {
                JAXBContext made = context;
                if (made == null) {
                    synchronized (this) {
                        made = context;
                        if (made == null) {
                            try {
                                made = JAXBContext.newInstance(objectFactory);
                            } catch (JAXBException e) {
                                throw new IllegalStateException("Cannot load the contract classes of "
                                        + objectFactory.getPackageName(), e);
                            }
                            context = made;
                        }
                    }
                }
                return made;
            }
        };
    }

    /** The source version's document (a root element object or a JAXBElement) as the target version's object. */
    public Object translate(Object document) {
        Map<String, DataHandler> binaries = new HashMap<>();
        try {
            Document dom = DOCUMENTS.newDocumentBuilder().newDocument();
            Marshaller marshaller = from.get().createMarshaller();
            marshaller.setAttachmentMarshaller(new Keep(binaries));
            marshaller.marshal(document, dom);
            Element root = dom.getDocumentElement();
            move(dom, root);
            renameRoot(dom, dom.getDocumentElement());
            adjust.accept(dom);
            Unmarshaller unmarshaller = to.get().createUnmarshaller();
            unmarshaller.setAttachmentUnmarshaller(new Give(binaries));
            Object read = unmarshaller.unmarshal(dom);
            return read instanceof JAXBElement<?> element ? element.getValue() : read;
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("Cannot translate " + document.getClass().getName() + " between contract versions", e);
        }
    }

    /** The same document in the target's namespaces, as a DOM (for a document the hub keeps as text). */
    public Document translate(Document dom) {
        move(dom, dom.getDocumentElement());
        renameRoot(dom, dom.getDocumentElement());
        adjust.accept(dom);
        return dom;
    }

    private void move(Document dom, Element element) {
        // declarations of the source version's namespaces go: a partner reads no trace of the other version
        org.w3c.dom.NamedNodeMap attributes = element.getAttributes();
        for (int i = attributes.getLength() - 1; i >= 0; i--) {
            Node a = attributes.item(i);
            if (XMLNS.equals(a.getNamespaceURI()) && namespaces.containsKey(a.getNodeValue())) {
                element.removeAttributeNode((org.w3c.dom.Attr) a);
            }
        }
        String target = namespaces.get(element.getNamespaceURI());
        Element current = element;
        if (target != null) {
            current = (Element) dom.renameNode(element, target, element.getLocalName());
        }
        for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                move(dom, e);
                // renameNode keeps the node in place (DOM level 3 renames in place for elements)
            }
        }
    }

    private void renameRoot(Document dom, Element root) {
        String name = root.getLocalName();
        switch (rootRename) {
            case ADD_REQUEST_SUFFIX -> dom.renameNode(root, root.getNamespaceURI(), name + "Request");
            case DROP_REQUEST_SUFFIX -> {
                if (name.endsWith("Request")) {
                    dom.renameNode(root, root.getNamespaceURI(), name.substring(0, name.length() - "Request".length()));
                }
            }
            case NONE -> { }
        }
    }

    /** Binary content leaves the source document as a reference (an XOP include) to itself. */
    private static final class Keep extends AttachmentMarshaller {
        private final Map<String, DataHandler> binaries;

        Keep(Map<String, DataHandler> binaries) {
            this.binaries = binaries;
        }

        @Override
        public boolean isXOPPackage() {
            return true;
        }

        @Override
        public String addMtomAttachment(DataHandler data, String namespace, String localName) {
            String cid = "part-" + binaries.size() + "@degreehub";
            binaries.put(cid, data);
            return "cid:" + cid;
        }

        @Override
        public String addMtomAttachment(byte[] data, int offset, int length, String mimeType, String namespace,
                                        String localName) {
            return null; // small byte arrays stay inline
        }

        @Override
        public String addSwaRefAttachment(DataHandler data) {
            return addMtomAttachment(data, null, null);
        }
    }

    /** ... and enters the target document as the same object. */
    private static final class Give extends AttachmentUnmarshaller {
        private final Map<String, DataHandler> binaries;

        Give(Map<String, DataHandler> binaries) {
            this.binaries = binaries;
        }

        @Override
        public boolean isXOPPackage() {
            return true;
        }

        @Override
        public DataHandler getAttachmentAsDataHandler(String cid) {
            DataHandler data = binaries.get(cid.startsWith("cid:") ? cid.substring(4) : cid);
            if (data == null) {
                throw new IllegalStateException("No binary part " + cid);
            }
            return data;
        }

        @Override
        public byte[] getAttachmentAsByteArray(String cid) {
            try {
                return getAttachmentAsDataHandler(cid).getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
