package org.refugio.eligibility.drools;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.util.Drools;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * The bundled rules compiled at build time (pom.xml, phase process-classes) and read back at start-up instead of
 * compiling their DRL again: about 1 s against 4 s (BENCHMARKS.md, "the DRL build's packages serialised").
 *
 * <p>Drools 10 no longer offers a serialised KieBase, so this leans on its internals, named here because a Drools
 * upgrade may change them: the compiled packages ({@code InternalRuleBase.getPackages()}, Externalizable) written
 * with {@link DroolsObjectOutputStream} and read with {@link DroolsObjectInputStream}; the classes Drools generated
 * for the DRL's {@code declare}d types, taken from the compiled KieBase's {@link ProjectClassLoader} store and put
 * back into a new one before the packages are read (the packages do not carry them, and reading fails without
 * them); a new KieBase with the default configuration (what the KieContainer's default KieBase has, the DRL being
 * built without a kmodule.xml) from {@link KnowledgeBaseFactory}, given the packages with {@code addPackages}.
 * What falls back: {@link DrlCompiler#compile} compiles the DRL, as it always did, when no file is found for the
 * DRL, when the file was written for other classes, another Drools or another format, and on any error while
 * reading it. PrecompiledRulesTest and PrecompiledRulesDecisionsTest compare the rules read with the rules compiled.
 *
 * <p>A file is found by the SHA-256 of the DRL (path and text of every file, the map {@link DrlCompiler#compile}
 * receives). It starts with what else the compiled rules depend on, checked before anything else is read: the
 * Drools version, and the SHA-256 of the application classes the DRL names (every class in each package it imports
 * from or names: fact types, functions, globals), as read through the class loader the rules will use; then the
 * SHA-256 of the serialised content. So a ruleset that is not the bundled one (a candidate, a kept one,
 * {@code refugio.rules.directory} with other DRL) finds no file; rules precompiled against other fact classes (a
 * stale target/classes) or by another Drools are not used; and a damaged file is not deserialised. Files are read
 * only from the application's own class path, never from a configurable place: Java deserialisation must only ever
 * see what this build wrote.
 */
final class PrecompiledRules {

    /** Where the files are, in target/classes and in the jar. */
    static final String DIRECTORY = "META-INF/refugio/precompiled-rules/";
    static final String SUFFIX = ".rules";
    /** Changes whenever what a file holds changes. */
    private static final String FORMAT = "refugio precompiled rules 1";

    /** A qualified name in DRL text (import, import function, global, or inline): its package is group 1. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)+)\\.(?:[A-Z][A-Za-z0-9_$]*|\\*)");

    private final Function<String, InputStream> resources;
    private final ClassLoader classes;

    /**
     * @param resources finds a file by its path on the class path (null when there is none)
     * @param classes   the class loader the rules are loaded with: the fact classes the key names come from it
     */
    PrecompiledRules(Function<String, InputStream> resources, ClassLoader classes) {
        this.resources = resources;
        this.classes = classes;
    }

    static PrecompiledRules onClassPath() {
        ClassLoader loader = DrlCompiler.class.getClassLoader();
        return new PrecompiledRules(loader::getResourceAsStream, loader);
    }

    /** The file for this DRL, relative to the class path. */
    static String path(Map<String, String> drlByPath) {
        return DIRECTORY + drlDigest(drlByPath) + SUFFIX;
    }

    /**
     * The rules of this DRL, read from their precompiled file; empty when there is none for this DRL.
     *
     * @throws Exception (any) when the file was written for other classes or another Drools, or cannot be read
     */
    Optional<KieBase> read(Map<String, String> drlByPath) throws IOException, ClassNotFoundException {
        InputStream file = resources.apply(path(drlByPath));
        if (file == null) {
            return Optional.empty();
        }
        byte[] payload;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(file))) {
            checkHeader(in, drlByPath);
            String sha256 = in.readUTF();
            payload = in.readNBytes(in.readInt());
            // Java deserialisation does not notice every damaged byte (a changed string stays a string).
            if (!sha256.equals(HexFormat.of().formatHex(sha256().digest(payload)))) {
                throw new InvalidObjectException("damaged: the content does not match its SHA-256");
            }
        }
        ProjectClassLoader projectClasses = ProjectClassLoader.createProjectClassLoader(classes);
        try (DroolsObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(payload),
                projectClasses)) {
            // First the classes of the declared types: the packages refer to them.
            projectClasses.storeClasses(bytesByName(in.readObject()));
            Collection<KiePackage> packages = kiePackages(in.readObject());
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    RuleBaseFactory.newKnowledgeBaseConfiguration(null, projectClasses));
            kieBase.addPackages(packages);
            return Optional.of(kieBase);
        }
    }

    /** Whether {@code file} holds these rules for the classes and Drools at hand (the build writes only when not). */
    boolean upToDate(Map<String, String> drlByPath, Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            checkHeader(in, drlByPath);
            String sha256 = in.readUTF();
            byte[] payload = in.readNBytes(in.readInt());
            return sha256.equals(HexFormat.of().formatHex(sha256().digest(payload)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Writes the KieBase compiled from this DRL.
     *
     * @param classesDirectory the build's class output (target/classes): the application classes the DRL names
     *                         are listed from it (and hashed as the class loader reads them, as at start-up)
     */
    void write(Map<String, String> drlByPath, KieBase kieBase, Path classesDirectory, OutputStream out)
            throws IOException {
        InternalRuleBase ruleBase = (InternalRuleBase) kieBase;
        ProjectClassLoader projectClasses = (ProjectClassLoader) ruleBase.getRootClassLoader();
        Map<String, byte[]> declaredTypes = projectClasses.getStore(); // null when the DRL declares no type
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DroolsObjectOutputStream objects = new DroolsObjectOutputStream(payload)) {
            objects.writeObject(declaredTypes == null ? new HashMap<>() : new HashMap<>(declaredTypes));
            objects.writeObject(new ArrayList<>(Arrays.asList(ruleBase.getPackages())));
        }
        List<String> classNames = namedClasses(drlByPath, classesDirectory);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeUTF(FORMAT);
        data.writeUTF(Drools.getFullVersion());
        data.writeUTF(drlDigest(drlByPath));
        data.writeInt(classNames.size());
        for (String name : classNames) {
            data.writeUTF(name);
        }
        data.writeUTF(classesDigest(classNames));
        data.writeUTF(HexFormat.of().formatHex(sha256().digest(payload.toByteArray())));
        data.writeInt(payload.size());
        payload.writeTo(data);
        data.flush();
    }

    /** Format, Drools version, DRL, application classes: what the compiled rules were made from. */
    private void checkHeader(DataInputStream in, Map<String, String> drlByPath) throws IOException {
        expect("format", FORMAT, in.readUTF());
        expect("Drools version", Drools.getFullVersion(), in.readUTF());
        expect("DRL", drlDigest(drlByPath), in.readUTF());
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new InvalidObjectException("not precompiled rules");
        }
        List<String> classNames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            classNames.add(in.readUTF());
        }
        expect("application classes", classesDigest(classNames), in.readUTF());
    }

    /** Class files (paths such as org/refugio/eligibility/facts/Person.class) in every package the DRL names. */
    static List<String> namedClasses(Map<String, String> drlByPath, Path classesDirectory) throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (String drl : drlByPath.values()) {
            Matcher m = QUALIFIED.matcher(drl);
            while (m.find()) {
                packages.add(m.group(1).replace('.', '/'));
            }
        }
        TreeSet<String> names = new TreeSet<>();
        for (String pkg : packages) {
            Path dir = classesDirectory.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue; // a package of the JDK or of a library: fixed by the build's dependencies
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> names.add(pkg + "/" + n));
            }
        }
        return List.copyOf(names);
    }

    /** Path and text of each file, in path order. */
    static String drlDigest(Map<String, String> drlByPath) {
        MessageDigest md = sha256();
        new TreeMap<>(drlByPath).forEach((path, drl) -> {
            update(md, path.getBytes(StandardCharsets.UTF_8));
            update(md, drl.getBytes(StandardCharsets.UTF_8));
        });
        return HexFormat.of().formatHex(md.digest());
    }

    /** The named class files as the class loader reads them; a missing one makes a digest no file has. */
    private String classesDigest(List<String> classNames) throws IOException {
        MessageDigest md = sha256();
        for (String name : classNames) {
            update(md, name.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = classes.getResourceAsStream(name)) {
                update(md, in == null ? new byte[0] : in.readAllBytes());
                md.update((byte) (in == null ? 0 : 1));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, byte[] bytes) {
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 0);
        md.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(String what, String expected, String found) throws InvalidObjectException {
        if (!expected.equals(found)) {
            throw new InvalidObjectException("precompiled for another " + what);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, byte[]> bytesByName(Object o) throws InvalidObjectException {
        if (o instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)
                && map.values().stream().allMatch(byte[].class::isInstance)) {
            return (Map<String, byte[]>) map;
        }
        throw new InvalidObjectException("not the declared types' classes");
    }

    @SuppressWarnings("unchecked")
    private static Collection<KiePackage> kiePackages(Object o) throws InvalidObjectException {
        if (o instanceof Collection<?> c && c.stream().allMatch(KiePackage.class::isInstance)) {
            return (Collection<KiePackage>) c;
        }
        throw new InvalidObjectException("not rule packages");
    }
}
