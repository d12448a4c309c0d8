import { Footer } from "nhsuk-react-components";
import { shellCopy } from "@/lib/ui/shell-copy";

export function SiteFooter() {
  return (
    <Footer>
      <Footer.Meta>
        <Footer.List>
          {shellCopy.footer.links.map((link) => (
            <Footer.ListItem key={link.href} href={link.href}>
              {link.text}
            </Footer.ListItem>
          ))}
        </Footer.List>
        <Footer.Copyright>{shellCopy.footer.copyright}</Footer.Copyright>
      </Footer.Meta>
    </Footer>
  );
}
