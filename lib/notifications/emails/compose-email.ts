/**
 * Turns a message's frozen `data` into one finished email: the template's props read from the
 * data (zod), then its subject, HTML and plain text (React Email's render).
 */
import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import type { z } from "zod";
import { appLinks, type AppLinks } from "@/lib/notifications/emails/app-links";
import {
  emailTemplates,
  type EmailTemplate,
  type EmailTemplateName,
} from "@/lib/notifications/emails/email-templates";

export type ComposedEmail = {
  template: EmailTemplateName;
  subject: string;
  html: string;
  text: string;
};

/** The message's data lacks what the template needs: sending again cannot help. */
export class EmailDataError extends Error {
  constructor(template: string, problems: string) {
    super(`The message's data does not fit the ${template} email: ${problems}`);
    this.name = "EmailDataError";
  }
}

export type ComposeEmailOptions = {
  template: EmailTemplateName;
  data: unknown;
  /** The message's time: "ends on" and "has ended" are read against it, not the sending time. */
  createdAt: Date;
  links?: AppLinks;
};

export async function composeEmail({
  template,
  data,
  createdAt,
  links = appLinks(),
}: ComposeEmailOptions): Promise<ComposedEmail> {
  // Each entry is typed by its own schema and props; here one entry is handled at a time.
  const definition = emailTemplates[template] as unknown as EmailTemplate<z.ZodType, object>;
  const parsed = definition.data.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "data"}: ${issue.message}`)
      .join("; ");
    throw new EmailDataError(template, problems);
  }
  const props = definition.props(parsed.data, { links, createdAt });
  const element: ReactElement = createElement(definition.Component, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { template, subject: definition.subject(props), html, text };
}
