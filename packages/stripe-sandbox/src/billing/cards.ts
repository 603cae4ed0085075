/**
 * Test payment methods, after Stripe's test numbers:
 * - 4242 4242 4242 4242 succeeds; so does any other well-formed, Luhn-valid number (13–19
 *   digits) that is not one of the decline numbers below;
 * - 4000 0000 0000 9995 insufficient funds, …0002 generic decline, …9987 lost card,
 *   …0069 expired card, …0127 incorrect CVC;
 * - 4000 0000 0000 0341 "attaches, but charges fail": see `savedCardDecline` for the one
 *   deliberate difference from Stripe;
 * - anything else is refused as Stripe's form would: "Your card number is incorrect."
 * Bank debit account 000123456789 (and any other) settles; 000111111113 fails (account
 * closed), 000111111116 fails (no account), 000222222227 fails (insufficient funds).
 */

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
}

export interface CardDecline {
  code: string;
  declineCode?: string;
  message: string;
}

export type CardCheck =
  | { result: "approved"; brand: string; last4: string; expMonth: number; expYear: number }
  | {
      result: "declined";
      decline: CardDecline;
      brand: string;
      last4: string;
      expMonth: number;
      expYear: number;
    }
  | { result: "invalid"; message: string };

const DECLINES: Record<string, CardDecline> = {
  "4000000000009995": {
    code: "card_declined",
    declineCode: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  "4000000000000002": {
    code: "card_declined",
    declineCode: "generic_decline",
    message: "Your card was declined.",
  },
  "4000000000009987": {
    code: "card_declined",
    declineCode: "lost_card",
    message: "Your card was declined.",
  },
  "4000000000000069": { code: "expired_card", message: "Your card has expired." },
  "4000000000000127": { code: "incorrect_cvc", message: "Your card's security code is incorrect." },
};

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): string {
  if (digits.startsWith("4")) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^6(011|5)/.test(digits)) return "discover";
  return "unknown";
}

/** Parses "MM/YY" (or MM/YYYY); cards expire at the end of their month. */
function parseExpiry(expiry: string, now: Date): { month: number; year: number } | string {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return "Your card's expiration date is incomplete.";
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return "Your card's expiration date is invalid.";
  const endOfMonth = new Date(Date.UTC(year, month, 1));
  if (endOfMonth <= now) return "Your card's expiration year is in the past.";
  return { month, year };
}

/** The number as digits only: what a saved payment method remembers (never shown in JSON). */
export function cardDigits(number: string): string {
  return number.replace(/[\s-]/g, "");
}

export function checkCard(input: CardInput, now = new Date()): CardCheck {
  const digits = cardDigits(input.number);
  if (!/^\d{13,19}$/.test(digits) || !passesLuhn(digits)) {
    return { result: "invalid", message: "Your card number is incorrect." };
  }
  const expiry = parseExpiry(input.expiry, now);
  if (typeof expiry === "string") return { result: "invalid", message: expiry };
  if (!/^\d{3,4}$/.test(input.cvc.trim())) {
    return { result: "invalid", message: "Your card's security code is incomplete." };
  }
  const card = {
    brand: brandOf(digits),
    last4: digits.slice(-4),
    expMonth: expiry.month,
    expYear: expiry.year,
  };
  const decline = DECLINES[digits];
  return decline ? { result: "declined", decline, ...card } : { result: "approved", ...card };
}

const ATTACH_THEN_FAIL = "4000000000000341";

/**
 * How a charge on a saved card ends (renewals, retries, the portal's retry): null when it is
 * approved. A decline number that somehow got saved declines as at checkout.
 *
 * Deliberate simplification: real Stripe attaches 4000 0000 0000 0341 and declines every charge
 * on it, the first one included. The sandbox lets the checkout payment that saves it succeed
 * (`firstPayment`), so a buyer can subscribe with it, and declines every later charge: the way
 * to test renewals that fail.
 */
export function savedCardDecline(digits: string, firstPayment: boolean): CardDecline | null {
  if (DECLINES[digits]) return DECLINES[digits];
  if (digits === ATTACH_THEN_FAIL && !firstPayment) return DECLINES["4000000000000002"];
  return null;
}

export type BankDebitCheck =
  { result: "valid"; last4: string } | { result: "invalid"; message: string };

export function checkBankAccount(accountNumber: string): BankDebitCheck {
  const digits = accountNumber.replace(/[\s-]/g, "");
  if (!/^\d{4,17}$/.test(digits)) {
    return { result: "invalid", message: "Your bank account number is incomplete." };
  }
  return { result: "valid", last4: digits.slice(-4) };
}

export interface BankDebitFailure {
  code: string;
  message: string;
}

const BANK_FAILURES: Record<string, BankDebitFailure> = {
  "000111111113": {
    code: "account_closed",
    message: "The customer's bank account has been closed.",
  },
  "000111111116": {
    code: "no_account",
    message: "The customer's bank account could not be located.",
  },
  "000222222227": {
    code: "insufficient_funds",
    message: "The customer's account has insufficient funds to cover this payment.",
  },
};

/** How a bank debit ends once it settles: null means the money arrived. */
export function bankDebitFailure(accountNumber: string): BankDebitFailure | null {
  return BANK_FAILURES[accountNumber.replace(/[\s-]/g, "")] ?? null;
}
