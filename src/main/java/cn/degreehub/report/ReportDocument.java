package cn.degreehub.report;

import cn.degreehub.common.Masking;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The XML the report template turns into XSL-FO: the report's data, labelled in one language. */
public final class ReportDocument {

    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private ReportDocument() {
    }

    public static Document build(Report report, ReportLanguage language, String verifyUrl) {
        return build(report, language, verifyUrl, null);
    }

    /** @param unitNameEn the unit's English name for an English report, or null: the Chinese name alone is printed */
    public static Document build(Report report, ReportLanguage language, String verifyUrl, String unitNameEn) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            doc = factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        boolean zh = language == ReportLanguage.ZH;
        Element root = doc.createElement("report");
        root.setAttribute("lang", language.value());
        doc.appendChild(root);
        add(root, "reportNo", report.reportNo());
        add(root, "verificationCode", report.verificationCode());
        add(root, "holderName", zh || report.holderNamePinyin() == null ? report.holderName()
                : report.holderName() + " (" + report.holderNamePinyin() + ")");
        add(root, "idNumber", Masking.idNumber(report.idNumber()));
        add(root, "unitCode", report.unitCode());
        String unitName = report.unitName() == null ? "" : report.unitName();
        add(root, "unitName", zh || unitNameEn == null || unitNameEn.isBlank() ? unitName : unitNameEn + " (" + unitName + ")");
        add(root, "level", zh ? report.level().zh() : report.level().en());
        String discipline = report.discipline() == null ? null : report.discipline().display();
        add(root, "discipline", discipline == null ? "" : discipline);
        add(root, "awardDate", date(report.awardDate(), zh));
        add(root, "certificateNumber", report.certificateNumber());
        add(root, "result", resultText(report.result(), report.differingFields(), zh));
        add(root, "issuedDate", date(report.issuedDate(), zh));
        add(root, "validUntil", date(report.validUntil(), zh));
        add(root, "verifyUrl", verifyUrl);
        Element qr = doc.createElement("qr");
        qr.appendChild(QrCodes.svg(doc, verifyUrl));
        root.appendChild(qr);
        return doc;
    }

    private static String date(LocalDate date, boolean zh) {
        return date.format(zh ? ZH_DATE : EN_DATE);
    }

    private static String resultText(String result, List<String> differing, boolean zh) {
        return switch (result) {
            case "CONSISTENT" -> zh ? "经核验，该学位信息与学位授予信息数据库一致。"
                    : "Verified: the degree information agrees with the national degree-award database.";
            case "INCONSISTENT" -> (zh ? "经核验，以下信息与学位授予信息数据库不一致：" : "Verified: the following differ from the national degree-award database: ")
                    + String.join(zh ? "、" : ", ", differing.stream().map(f -> ReportFields.label(f, zh)).toList());
            default -> zh ? "经核验，学位授予信息数据库中无此学位记录。"
                    : "Verified: the national degree-award database holds no record of this degree.";
        };
    }

    private static void add(Element parent, String name, String value) {
        Element e = parent.getOwnerDocument().createElement(name);
        e.setTextContent(value);
        parent.appendChild(e);
    }
}
