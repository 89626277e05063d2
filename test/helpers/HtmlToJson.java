import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import nu.validator.htmlparser.dom.HtmlDocumentBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Parses HTML files with the HTML5 parsing algorithm (the Nu HTML Checker's parser, shipped in
 * vnu.jar) and prints their element trees as JSON: a list of {"tag", "attrs", "children"}, with
 * text as strings. Run as `java -cp vnu.jar HtmlToJson.java FILE...`; tests read the result.
 */
public class HtmlToJson {
  public static void main(String[] args) throws Exception {
    HtmlDocumentBuilder builder = new HtmlDocumentBuilder();
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < args.length; i++) {
      if (i > 0) json.append(',');
      try (InputStream in = new FileInputStream(args[i])) {
        InputSource source = new InputSource(in);
        source.setEncoding("UTF-8");
        Document document = builder.parse(source);
        element(document.getDocumentElement(), json);
      }
    }
    json.append(']');
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print(json);
    out.flush();
  }

  private static void element(Element element, StringBuilder json) {
    json.append("{\"tag\":");
    string(element.getLocalName(), json);
    json.append(",\"attrs\":{");
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      if (i > 0) json.append(',');
      string(attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName(), json);
      json.append(':');
      string(attribute.getNodeValue(), json);
    }
    json.append("},\"children\":[");
    boolean first = true;
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      short type = child.getNodeType();
      if (type != Node.ELEMENT_NODE && type != Node.TEXT_NODE && type != Node.CDATA_SECTION_NODE) continue;
      if (!first) json.append(',');
      first = false;
      if (type == Node.ELEMENT_NODE) element((Element) child, json);
      else string(child.getNodeValue(), json);
    }
    json.append("]}");
  }

  private static void string(String value, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"': json.append("\\\""); break;
        case '\\': json.append("\\\\"); break;
        case '\n': json.append("\\n"); break;
        case '\r': json.append("\\r"); break;
        case '\t': json.append("\\t"); break;
        default:
          if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
          else json.append(c);
      }
    }
    json.append('"');
  }
}
