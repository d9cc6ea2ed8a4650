import com.sun.tools.ws.wscompile.WsimportTool;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Metro's wsimport over the three partner services' WSDLs as the running hub serves them, each into a package of its
 * own (partner.metro.verification, .filing, .check), sources only (MetroClientStackIT compiles them). Non-wrapper
 * style (one request and one answer object per operation): the partner's choice, docs/partners/client-stacks.md.
 * Run with the source launcher: java -cp <Metro> WsImportAll.java <hub base address> <work directory>.
 */
public final class WsImportAll {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path work = Path.of(args[1]);
        Path sources = Files.createDirectories(work.resolve("generated"));
        for (String service : new String[] {"verification", "filing", "check"}) {
            String wsdl = base + "/services/" + service + "?wsdl";
            Path binding = work.resolve("bindings-" + service + ".xml");
            Files.writeString(binding, "<jaxws:bindings xmlns:jaxws=\"https://jakarta.ee/xml/ns/jaxws\" wsdlLocation=\""
                    + wsdl + "\"><jaxws:enableWrapperStyle>false</jaxws:enableWrapperStyle></jaxws:bindings>");
            boolean ok = new WsimportTool(System.out).run(new String[] {"-Xnocompile", "-encoding", "UTF-8",
                    "-s", sources.toString(), "-d", sources.toString(), "-b", binding.toString(),
                    "-p", "partner.metro." + service, wsdl});
            if (!ok) {
                System.out.println("FAIL wsimport " + wsdl);
                System.exit(2);
            }
            System.out.println("GENERATED " + wsdl);
        }
    }
}
