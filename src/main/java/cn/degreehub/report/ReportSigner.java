package cn.degreehub.report;

import cn.degreehub.common.ChinaTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a report PDF: PAdES baseline B-B style, a detached CMS (ETSI.CAdES.detached) with the
 * signing-certificate-v2 attribute and no signing-time attribute (the time is in the signature
 * dictionary), added as an incremental update so the PDF/A rendition is untouched.
 */
public class ReportSigner {

    private static final int SIGNATURE_SIZE = 16 * 1024;

    private final SigningKeys.Key key;
    private final Clock clock;
    private final String signerName;
    private final String location;

    public ReportSigner(SigningKeys.Key key, Clock clock, String signerName, String location) {
        this.key = key;
        this.clock = clock;
        this.signerName = signerName;
        this.location = location;
    }

    public SigningKeys.Key key() {
        return key;
    }

    public byte[] sign(byte[] pdf, String reason) {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signerName);
            signature.setLocation(location);
            signature.setReason(reason);
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone(ChinaTime.ZONE));
            when.setTimeInMillis(clock.millis());
            signature.setSignDate(when);
            options.setPreferredSignatureSize(SIGNATURE_SIZE);
            doc.addSignature(signature, this::cms, options);
            // PDF/A: every annotation, the invisible signature widget too, must be marked printable
            for (PDSignatureField field : doc.getSignatureFields()) {
                for (PDAnnotationWidget widget : field.getWidgets()) {
                    widget.setPrinted(true);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SIGNATURE_SIZE * 2 + 4096);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Report signing failed", e);
        }
    }

    private byte[] cms(InputStream content) throws IOException {
        try {
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded());
            SigningCertificateV2 signingCertificate = new SigningCertificateV2(new ESSCertIDv2[] {
                    new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash)});
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate)));
            DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes));
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastleProvider.PROVIDER_NAME).build())
                    .setSignedAttributeGenerator(params -> defaults.getAttributes(params).remove(CMSAttributes.signingTime))
                    .build(new JcaContentSignerBuilder(key.signatureAlgorithm())
                            .setProvider(BouncyCastleProvider.PROVIDER_NAME).build(key.privateKey()), key.certificate());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
            return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("CMS signature failed", e);
        }
    }
}
