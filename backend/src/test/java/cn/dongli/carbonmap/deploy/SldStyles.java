package cn.dongli.carbonmap.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The SLD files of {@code styles/}, parsed, and what each one draws. */
final class SldStyles {

    static final String SLD = "http://www.opengis.net/sld";
    static final String OGC = "http://www.opengis.net/ogc";

    /**
     * One style.
     *
     * @param file the SLD file
     * @param document its DOM (namespace aware)
     * @param tables the tables or views it draws (the layer it is named after; the two metrics views for an indicator)
     */
    record Style(Path file, Document document, List<String> tables) {
        String name() {
            return file.getFileName().toString();
        }

        String text() {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String namedLayer() {
            return child((Element) document.getDocumentElement().getElementsByTagNameNS(SLD, "NamedLayer").item(0),
                    "Name").getTextContent().trim();
        }
    }

    private SldStyles() {
    }

    /**
     * Every style, parsed.
     *
     * @throws Exception if a file is not well-formed XML
     */
    static List<Style> all() throws Exception {
        List<Style> styles = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repository.root().resolve("styles"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sld")).sorted().toList()) {
                Document doc = parse(f);
                String layer = f.getFileName().toString().replace(".sld", "");
                List<String> tables = layer.startsWith("indicator_") ? List.of("street_metrics", "zone_metrics")
                        : List.of(layer);
                styles.add(new Style(f, doc, tables));
            }
        }
        return styles;
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    static Element child(Element parent, String localName) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(localName)).findFirst().orElse(null);
    }

    static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        out.add(root);
        for (Element c : children(root)) {
            out.addAll(descendants(c));
        }
        return out;
    }
}
