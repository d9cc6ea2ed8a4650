import com.sun.tools.ws.wscompile.WsimportTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Metro's wsimport over the three partner services' WSDLs as the running hub serves them, each into a package of its
 * own, sources only (the client-stack ITs compile them).
 * <ul>
 * <li>Contract v1 (MetroClientStackIT): /services/&lt;service&gt;?wsdl into partner.metro.verification, .filing,
 * .check; non-wrapper style (one request and one answer object per operation) by a binding file that sets
 * enableWrapperStyle=false: the partner's choice, docs/partners/client-stacks.md.</li>
 * <li>Contract v2 (MetroV2ClientStackIT): /services/v2/&lt;service&gt;?wsdl into partner.metro.v2.verification,
 * .filing, .check; no binding file, so wsimport's default, wrapper style: each operation a method with the request's
 * fields as parameters and the answer's as Holders (or the return value).</li>
 * </ul>
 * Run with the source launcher: java -cp &lt;Metro&gt; WsImportAll.java &lt;hub base address&gt; &lt;work directory&gt; [v1|v2].
 */
public final class WsImportAll {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path work = Path.of(args[1]);
        String contract = args.length > 2 ? args[2] : "v1";
        if (!contract.equals("v1") && !contract.equals("v2")) {
            System.out.println("FAIL unknown contract " + contract + " (v1 or v2)");
            System.exit(2);
        }
        boolean v2 = contract.equals("v2");
        Path sources = Files.createDirectories(work.resolve("generated"));
        for (String service : new String[] {"verification", "filing", "check"}) {
            String wsdl = base + "/services/" + (v2 ? "v2/" : "") + service + "?wsdl";
            List<String> options = new ArrayList<>(List.of("-Xnocompile", "-encoding", "UTF-8",
                    "-s", sources.toString(), "-d", sources.toString()));
            if (!v2) {
                Path binding = work.resolve("bindings-" + service + ".xml");
                Files.writeString(binding, "<jaxws:bindings xmlns:jaxws=\"https://jakarta.ee/xml/ns/jaxws\" wsdlLocation=\""
                        + wsdl + "\"><jaxws:enableWrapperStyle>false</jaxws:enableWrapperStyle></jaxws:bindings>");
                options.addAll(List.of("-b", binding.toString()));
            }
            options.addAll(List.of("-p", "partner.metro." + (v2 ? "v2." : "") + service, wsdl));
            boolean ok = new WsimportTool(System.out).run(options.toArray(String[]::new));
            if (!ok) {
                System.out.println("FAIL wsimport " + wsdl);
                System.exit(2);
            }
            System.out.println("GENERATED " + wsdl);
        }
    }
}
