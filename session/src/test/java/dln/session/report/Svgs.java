package dln.session.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Test helpers: pull the inline SVGs out of a page and parse them as strict XML. */
final class Svgs {
    private Svgs() {
    }

    /** The inline {@code <svg>...</svg>} elements of a page, each parsed as a namespace-aware XML document. */
    static List<Document> parseAll(String html) throws Exception {
        List<Document> docs = new ArrayList<>();
        Matcher m = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) docs.add(parse(m.group()));
        return docs;
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<Element> elements(Document d, String tag) {
        NodeList list = d.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
        return out;
    }

    static List<Element> withClass(Document d, String tag, String cls) {
        return elements(d, tag).stream()
                .filter(e -> List.of(e.getAttribute("class").split("\\s+")).contains(cls))
                .toList();
    }
}
