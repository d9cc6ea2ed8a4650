package cn.degreehub.admin;

import cn.degreehub.partner.Account;
import cn.degreehub.publication.Publication;
import org.apache.camel.ProducerTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin trigger of a publication run; the run itself goes through routes/publication.xml. */
@RestController
@RequestMapping("/admin/api/publication")
public class PublicationController {

    private final ProducerTemplate camel;

    public PublicationController(ProducerTemplate camel) {
        this.camel = camel;
    }

    @PostMapping("/run")
    public Publication.RunResult run(@AuthenticationPrincipal Account admin) {
        return camel.requestBodyAndHeader("direct:publication-run", null, "degreehubTriggeredBy", admin.username(),
                Publication.RunResult.class);
    }
}
