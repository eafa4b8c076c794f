package io.mxray.core.bimi;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Basic checks of a BIMI logo against SVG Tiny Portable/Secure (the BIMI Group's profile of SVG
 * Tiny 1.2): size cap, root {@code <svg>} with {@code version="1.2"} and {@code
 * baseProfile="tiny-ps"}, a {@code <title>}, no scripts, no external references, no x/y on the
 * root. Not a full validator. The XML parser refuses DTDs and external entities (the file is
 * attacker controlled).
 */
public final class SvgTinyPs {

  /** The BIMI Group's recommended maximum logo size. */
  public static final int MAX_BYTES = 32 * 1024;

  private SvgTinyPs() {}

  /** Problems found; empty when the basic checks pass. */
  public static List<String> check(byte[] svg) {
    List<String> problems = new ArrayList<>();
    if (svg.length > MAX_BYTES) {
      problems.add("the file is " + svg.length + " bytes; at most " + MAX_BYTES + " are allowed");
      return problems;
    }
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new ByteArrayInputStream(svg));
    } catch (Exception e) {
      problems.add(
          "not well-formed XML (or it has a DOCTYPE, which SVG Tiny PS forbids): "
              + e.getMessage());
      return problems;
    }
    Element root = doc.getDocumentElement();
    if (!"svg".equals(root.getLocalName())) {
      problems.add("the root element is <" + root.getNodeName() + ">, not <svg>");
      return problems;
    }
    if (!"1.2".equals(root.getAttribute("version"))) {
      problems.add("the root <svg> needs version=\"1.2\"");
    }
    if (!"tiny-ps".equalsIgnoreCase(root.getAttribute("baseProfile"))) {
      problems.add("the root <svg> needs baseProfile=\"tiny-ps\"");
    }
    if (root.hasAttribute("x") || root.hasAttribute("y")) {
      problems.add("the root <svg> must not have x= or y= attributes");
    }
    if (root.getElementsByTagNameNS("*", "title").getLength() == 0) {
      problems.add("a <title> element is required");
    }
    walk(root, problems);
    return problems;
  }

  private static void walk(Element e, List<String> problems) {
    String name = e.getLocalName();
    if ("script".equals(name)
        || "foreignObject".equals(name)
        || "animate".equals(name)
        || "image".equals(name)) {
      problems.add("<" + name + "> is not allowed in SVG Tiny PS");
    }
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      String an = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
      String v = a.getNodeValue().strip();
      if (an.startsWith("on")) {
        problems.add("event handler attribute " + an + "= is not allowed");
      }
      if (an.equals("href") && !v.startsWith("#")) {
        problems.add(
            "external reference "
                + an
                + "=\""
                + (v.length() > 40 ? v.substring(0, 40) + "..." : v)
                + "\" is not allowed");
      }
    }
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength() && problems.size() < 20; i++) {
      if (children.item(i) instanceof Element c) {
        walk(c, problems);
      }
    }
  }
}
