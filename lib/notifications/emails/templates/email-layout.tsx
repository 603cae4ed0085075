/**
 * The frame every email shares: a preview line, a heading, the body, and a footer that says why
 * the reader gets it. Inline styles only: mail clients drop stylesheets.
 */
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";

export const styles = {
  body: {
    backgroundColor: "#f8fafc",
    fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    margin: 0,
    padding: "24px 0",
  },
  container: {
    backgroundColor: "#ffffff",
    border: "1px solid #e2e8f0",
    borderRadius: "8px",
    margin: "0 auto",
    maxWidth: "560px",
    padding: "32px",
  },
  heading: { color: "#0f172a", fontSize: "22px", fontWeight: 700, margin: "0 0 16px" },
  text: { color: "#334155", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  small: { color: "#64748b", fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" },
  link: { color: "#4338ca", textDecoration: "underline" },
  button: {
    backgroundColor: "#4338ca",
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  hr: { borderColor: "#e2e8f0", margin: "24px 0" },
} as const;

export type EmailLayoutProps = {
  /** The line mail clients show after the subject. */
  preview: string;
  heading: string;
  /** Why the reader gets this email, and where to change that. */
  footer: ReactNode;
  children: ReactNode;
};

export function EmailLayout({ preview, heading, footer, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.small}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Text style={styles.text}>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
    </Text>
  );
}

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={styles.link}>
      {children}
    </Link>
  );
}

/** A date as people read it in an email ("March 4, 2027"), in UTC like the rest of the app. */
export function formatDay(date: Date): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(date);
}
