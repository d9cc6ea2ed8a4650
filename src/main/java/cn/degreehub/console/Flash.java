package cn.degreehub.console;

import cn.degreehub.common.DegreeHubException;
import java.util.concurrent.Callable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outcome of a console action, shown on the page the browser is redirected to. */
final class Flash {

    private Flash() {
    }

    /** Runs the action; its result becomes "done", a refusal (in both languages) becomes "failed". */
    static void outcome(RedirectAttributes flash, Callable<String> action) throws Exception {
        try {
            flash.addFlashAttribute("done", action.call());
        } catch (DegreeHubException e) {
            flash.addFlashAttribute("failed", e.messageZh() + " / " + e.messageEn());
        }
    }
}
