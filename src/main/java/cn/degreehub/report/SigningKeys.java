package cn.degreehub.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's report-signing key, from the PKCS#12 keystore named in config. In the demo profile a
 * self-signed key is generated into the data directory at first start (no private key is ever committed).
 * Algorithm RSA (SHA256withRSA) or, for national cryptography, SM2 (SM3withSM2).
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    public enum Algorithm {
        RSA("SHA256withRSA"), SM2("SM3withSM2");

        final String signatureAlgorithm;

        Algorithm(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    public record Key(PrivateKey privateKey, X509Certificate certificate, Algorithm algorithm) {
        public String signatureAlgorithm() {
            return algorithm.signatureAlgorithm;
        }
    }

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private SigningKeys() {
    }

    public static Key load(Path keystore, char[] password, String alias, Algorithm algorithm, boolean generateIfMissing,
                           String subject, Clock clock) {
        try {
            if (!Files.exists(keystore)) {
                if (!generateIfMissing) {
                    throw new IllegalStateException("Report signing keystore " + keystore + " does not exist"
                            + " (set degreehub.report.signing.keystore, or generate-if-missing in the demo profile)");
                }
                generate(keystore, password, alias, algorithm, subject, clock);
            }
            try {
                return read(keystore, password, alias, algorithm, pkcs12(algorithm));
            } catch (GeneralSecurityException | IOException e) {
                if (algorithm == Algorithm.SM2) {
                    throw e;
                }
                // not an RSA key the JDK can read: BouncyCastle reads any, and says what the keystore holds
                return read(keystore, password, alias, algorithm,
                        KeyStore.getInstance("PKCS12", BouncyCastleProvider.PROVIDER_NAME));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the report signing key from " + keystore, e);
        }
    }

    private static Key read(Path keystore, char[] password, String alias, Algorithm algorithm, KeyStore ks)
            throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        if (!ks.isKeyEntry(alias)) {
            throw new IllegalStateException("Keystore " + keystore + " has no key entry '" + alias + "'");
        }
        PrivateKey key = (PrivateKey) ks.getKey(alias, password);
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        Algorithm actual = "RSA".equals(key.getAlgorithm()) ? Algorithm.RSA : Algorithm.SM2;
        if (actual != algorithm) {
            throw new IllegalStateException("Keystore " + keystore + " holds a " + actual + " key, config asks for "
                    + algorithm);
        }
        return new Key(key, cert, algorithm);
    }

    /**
     * RSA keys in the JDK's PKCS#12 (PBKDF2 with HmacSHA256): BouncyCastle's derives its keys with 51,200 rounds of
     * a SHA-1 KDF, which cost each start of a cold JVM about 5 s of CPU. The JDK cannot decode SM2 keys, so those
     * stay with BouncyCastle.
     */
    static KeyStore pkcs12(Algorithm algorithm) throws GeneralSecurityException {
        return algorithm == Algorithm.SM2 ? KeyStore.getInstance("PKCS12", BouncyCastleProvider.PROVIDER_NAME)
                : KeyStore.getInstance("PKCS12");
    }

    static void generate(Path keystore, char[] password, String alias, Algorithm algorithm, String subject, Clock clock)
            throws GeneralSecurityException, IOException {
        KeyPair pair;
        if (algorithm == Algorithm.RSA) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(3072, new SecureRandom());
            pair = gen.generateKeyPair();
        } else {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
            gen.initialize(new ECGenParameterSpec("sm2p256v1"), new SecureRandom());
            pair = gen.generateKeyPair();
        }
        X500Name name = new X500Name(subject);
        Date from = Date.from(clock.instant().minus(Duration.ofDays(1)));
        Date to = Date.from(clock.instant().plus(Duration.ofDays(3650)));
        X509Certificate cert;
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), from, to, name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            cert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm)
                            .setProvider(BouncyCastleProvider.PROVIDER_NAME).build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        KeyStore ks = pkcs12(algorithm);
        ks.load(null, null);
        ks.setKeyEntry(alias, pair.getPrivate(), password, new X509Certificate[] {cert});
        Files.createDirectories(keystore.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(keystore)) {
            ks.store(out, password);
        }
        log.warn("Generated a self-signed {} report signing key at {} (demo only: production names its keystore)",
                algorithm, keystore);
    }
}
