import type { AlertSpec } from "./values/alerts";

export interface AlertRef {
  readonly id: string;
  readonly spec: AlertSpec;
  readonly severity: string;
}

export interface EmailRef {
  readonly networkMessageId: string;
  readonly internetMessageId: string;
  readonly senderAddress: string;
  readonly senderName: string;
  readonly recipientAddress: string;
  readonly recipientObjectId: string;
  readonly subject: string;
  readonly threat: string;
}

/**
 * Recently generated alerts and emails, so AlertEvidence rows point at AlertInfo alerts and
 * EmailUrlInfo/EmailAttachmentInfo/EmailPostDeliveryEvents/UrlClickEvents point at EmailEvents mails.
 */
export class RecentPool {
  readonly alerts: AlertRef[] = [];
  readonly emails: EmailRef[] = [];
  private static readonly LIMIT = 64;

  addAlert(alert: AlertRef): void {
    this.alerts.push(alert);
    if (this.alerts.length > RecentPool.LIMIT) this.alerts.shift();
  }

  addEmail(email: EmailRef): void {
    this.emails.push(email);
    if (this.emails.length > RecentPool.LIMIT) this.emails.shift();
  }
}
