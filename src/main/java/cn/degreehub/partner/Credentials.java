package cn.degreehub.partner;

import cn.degreehub.partner.PartnerRegistryProperties.AccountEntry;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks partner passwords. PasswordText is checked against the account's hash; a successful check is
 * remembered (by a SHA-256 of the pair, never the password) so bcrypt does not run on every request.
 * PasswordDigest needs the shared secret, kept AES-GCM encrypted under the master key. An unknown user name
 * costs the same work as a known one with a wrong password (a dummy hash of the same cost, a dummy secret),
 * so the time of an answer does not tell which names exist.
 */
public class Credentials {

    private static final String CIPHER_PREFIX = "{cipher}";
    private static final Duration VERIFIED_TTL = Duration.ofMinutes(5);
    private static final Pattern BCRYPT_COST = Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$");

    private final PartnerRegistry registry;
    private final PasswordEncoder encoder;
    private final Map<String, String> digestSecrets = new HashMap<>();
    /** only ever holds checks that succeeded, so only partners with their passwords can fill it */
    private final Cache<String, Boolean> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(VERIFIED_TTL).build();
    private final String dummyHash;
    private final String dummySecret = randomText();

    public Credentials(PartnerRegistry registry, String masterKeyBase64) {
        this(registry, masterKeyBase64, PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    Credentials(PartnerRegistry registry, String masterKeyBase64, PasswordEncoder encoder) {
        this.registry = registry;
        this.encoder = encoder;
        byte[] key = masterKeyBase64 == null || masterKeyBase64.isBlank() ? null
                : Base64.getDecoder().decode(masterKeyBase64.trim());
        for (AccountEntry a : registry.accountEntries()) {
            if (a.passwordHash() == null || a.passwordHash().isBlank()) {
                throw new IllegalStateException("Account " + a.username() + " has no password hash");
            }
            if (a.digestSecret() != null && !a.digestSecret().isBlank()) {
                if (key == null) {
                    throw new IllegalStateException("Account " + a.username()
                            + " has a digest secret but no master key is configured (DEGREEHUB_MASTER_KEY)");
                }
                digestSecrets.put(a.username(), decrypt(a.digestSecret(), key));
            }
        }
        this.dummyHash = dummyHashLike(registry.accountEntries().stream().map(AccountEntry::passwordHash)
                .findFirst().orElse(""));
    }

    /** A hash of a random password with the same algorithm and cost as the registry's (bcrypt's cost is in it). */
    private String dummyHashLike(String sample) {
        Matcher m = BCRYPT_COST.matcher(sample);
        return m.find() ? "{bcrypt}" + new BCryptPasswordEncoder(Integer.parseInt(m.group(1))).encode(randomText())
                : encoder.encode(randomText());
    }

    private static String randomText() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** PasswordText check. */
    public boolean checkPassword(String username, String password) {
        Optional<AccountEntry> entry = registry.accountEntry(username);
        String given = password == null ? "" : password;
        if (entry.isEmpty()) {
            encoder.matches(given, dummyHash);
            return false;
        }
        String key = sha256(username + '\u0000' + given);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean ok = encoder.matches(given, entry.get().passwordHash()) && password != null;
        if (ok) {
            verified.put(key, Boolean.TRUE);
        }
        return ok;
    }

    /**
     * PasswordDigest check: Base64(SHA-1(nonce + created + secret)) against the account's shared secret; an
     * account without one (or an unknown name) is checked against a dummy secret and refused.
     */
    public boolean checkDigest(String username, byte[] nonce, String created, String digest) {
        String secret = username == null ? null : digestSecrets.get(username);
        String expected = passwordDigest(nonce, created, secret == null ? dummySecret : secret);
        boolean equal = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                String.valueOf(digest).getBytes(StandardCharsets.UTF_8));
        return equal && secret != null;
    }

    /** True if any account still accepts the demo password {@code <username>-pass}. */
    public Optional<String> accountWithDemoPassword() {
        for (AccountEntry a : registry.accountEntries()) {
            String demo = a.username() + "-pass";
            if (encoder.matches(demo, a.passwordHash()) || demo.equals(digestSecrets.get(a.username()))) {
                return Optional.of(a.username());
            }
        }
        return Optional.empty();
    }

    public static String encrypt(String secret, String masterKeyBase64) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(masterKeyBase64), "AES"),
                    new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return CIPHER_PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decrypt(String value, byte[] key) {
        if (!value.startsWith(CIPHER_PREFIX)) {
            throw new IllegalStateException("A digest secret must be {cipher}-encoded");
        }
        try {
            byte[] in = Base64.getDecoder().decode(value.substring(CIPHER_PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a digest secret: wrong master key?", e);
        }
    }

    /** The UsernameToken profile's digest: Base64(SHA-1(nonce + created + password)). */
    private static String passwordDigest(byte[] nonce, String created, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(String.valueOf(created).getBytes(StandardCharsets.UTF_8));
            sha1.update(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints a registry entry's password fields: {@code PasswordTool <username> <password> <masterKeyBase64>}. */
    public static void main(String[] args) {
        PasswordEncoder enc = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        System.out.println("passwordHash: \"" + enc.encode(args[1]) + "\"");
        if (args.length > 2) {
            System.out.println("digestSecret: \"" + encrypt(args[1], args[2]) + "\"");
        }
    }
}
