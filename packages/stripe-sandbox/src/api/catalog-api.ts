/**
 * `/v1/customers`, `/v1/products`, `/v1/prices`: create, retrieve, update and list (customers
 * by email, prices by product and active). Also builds prices from inline `price_data`, as
 * checkout sessions allow.
 */
import type { SandboxContext } from "../context";
import { invalidRequest, invalidValue, parameterMissing, parametersExclusive } from "./errors";
import type { Params } from "./form";
import {
  buildCustomer,
  buildPrice,
  buildProduct,
  type Metadata,
  type Price,
  type Product,
  type RecurringInterval,
} from "../objects/objects";
import { paginate, route, type Route } from "./router";

/** Stripe's update rule: an empty string clears a field. */
function updatedText(params: Params, key: string, current: string | null): string | null {
  const value = params.string(key);
  if (value === undefined) return current;
  return value === "" ? null : value;
}

/** Metadata updates merge key by key; an empty value removes a key, `metadata=""` clears all. */
export function mergeMetadata(current: Metadata, update: Metadata | undefined): Metadata {
  if (!update) return current;
  if (Object.keys(update).length === 0) return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function withoutEmptyValues(metadata: Metadata | undefined): Metadata {
  return mergeMetadata({}, metadata);
}

export function currencyParam(params: Params, key = "currency"): string {
  const currency = params.requiredString(key);
  if (!/^[a-zA-Z]{3}$/.test(currency)) {
    throw invalidValue(params.name(key), `Invalid currency: ${currency}.`);
  }
  return currency.toLowerCase();
}

export interface PreparedPrice {
  price: Price;
  product: Product;
}

/**
 * A validated price from `price` fields or checkout's `price_data` (inline prices and their
 * products are inactive). Nothing is stored yet, so a later invalid parameter in the same
 * request leaves no stray objects behind: the caller saves with `savePrice` once all is valid.
 */
export function preparePrice(
  context: SandboxContext,
  params: Params,
  active: boolean,
): PreparedPrice {
  const store = context.store;
  const productId = params.string("product");
  const productData = params.object("product_data");
  if (productId && productData) {
    throw parametersExclusive([params.name("product"), params.name("product_data")]);
  }
  const currency = currencyParam(params);
  const unitAmount = params.nonNegativeInteger("unit_amount");
  if (unitAmount === undefined) throw parameterMissing(params.name("unit_amount"));
  const product = productData
    ? buildProduct({
        name: productData.requiredString("name"),
        description: productData.string("description") ?? null,
        active,
        metadata: withoutEmptyValues(productData.metadata()),
        created: context.now(),
      })
    : store.product(requiredProductId(params, productId), params.name("product"));
  const recurring = params.object("recurring");
  const price = buildPrice({
    currency,
    unitAmount,
    product: product.id,
    active,
    metadata: withoutEmptyValues(params.metadata()),
    nickname: params.string("nickname") ?? null,
    lookupKey: params.string("lookup_key") ?? null,
    recurring: recurring
      ? {
          interval: requiredInterval(recurring),
          intervalCount: recurring.integer("interval_count") ?? 1,
        }
      : null,
    created: context.now(),
  });
  return { price, product };
}

export function savePrice(context: SandboxContext, { price, product }: PreparedPrice): void {
  context.store.state.products[product.id] = product;
  context.store.state.prices[price.id] = price;
}

function requiredProductId(params: Params, productId: string | undefined): string {
  if (!productId) throw parameterMissing(params.name("product"));
  return productId;
}

function requiredInterval(recurring: Params): RecurringInterval {
  const interval = recurring.oneOf("interval", ["day", "week", "month", "year"] as const);
  if (!interval) throw parameterMissing(recurring.name("interval"));
  return interval;
}

export const catalogRoutes: Route[] = [
  route("POST", "/v1/customers", ({ context, params }) => {
    const customer = buildCustomer({
      email: params.string("email") || null,
      name: params.string("name") || null,
      phone: params.string("phone") || null,
      description: params.string("description") || null,
      metadata: withoutEmptyValues(params.metadata()),
      created: context.now(),
    });
    context.store.state.customers[customer.id] = customer;
    context.emit("customer.created", customer);
    return customer;
  }),
  route("GET", "/v1/customers", ({ context, params }) => {
    const email = params.string("email");
    const customers = Object.values(context.store.state.customers)
      .filter((customer) => email === undefined || customer.email === email)
      .reverse();
    return paginate("/v1/customers", customers, params);
  }),
  route("GET", "/v1/customers/:id", ({ context, pathParams }) =>
    context.store.customer(pathParams[0]),
  ),
  route("POST", "/v1/customers/:id", ({ context, pathParams, params }) => {
    const customer = context.store.customer(pathParams[0]);
    // Read every parameter before changing anything, so an invalid one changes nothing.
    const changes = {
      email: updatedText(params, "email", customer.email),
      name: updatedText(params, "name", customer.name),
      phone: updatedText(params, "phone", customer.phone),
      description: updatedText(params, "description", customer.description),
      metadata: mergeMetadata(customer.metadata, params.metadata()),
    };
    const previous = changedFields(customer, changes);
    Object.assign(customer, changes);
    context.emit("customer.updated", customer, previous);
    return customer;
  }),
  route("POST", "/v1/products", ({ context, params }) => {
    const product = buildProduct({
      name: params.requiredString("name"),
      description: params.string("description") || null,
      active: params.boolean("active") ?? true,
      metadata: withoutEmptyValues(params.metadata()),
      created: context.now(),
    });
    context.store.state.products[product.id] = product;
    context.emit("product.created", product);
    return product;
  }),
  route("GET", "/v1/products", ({ context, params }) => {
    const active = params.boolean("active");
    const products = Object.values(context.store.state.products)
      .filter((product) => active === undefined || product.active === active)
      .reverse();
    return paginate("/v1/products", products, params);
  }),
  route("GET", "/v1/products/:id", ({ context, pathParams }) =>
    context.store.product(pathParams[0]),
  ),
  route("POST", "/v1/products/:id", ({ context, pathParams, params }) => {
    const product = context.store.product(pathParams[0]);
    const name = params.string("name");
    if (name === "") throw invalidValue("name", "You cannot set `name` to an empty string.");
    const changes = {
      name: name ?? product.name,
      description: updatedText(params, "description", product.description),
      active: params.boolean("active") ?? product.active,
      metadata: mergeMetadata(product.metadata, params.metadata()),
    };
    const previous = changedFields(product, changes);
    Object.assign(product, changes, { updated: context.now() });
    context.emit("product.updated", product, previous);
    return product;
  }),
  route("POST", "/v1/prices", ({ context, params }) => {
    const prepared = preparePrice(context, params, params.boolean("active") ?? true);
    savePrice(context, prepared);
    context.emit("price.created", prepared.price);
    return prepared.price;
  }),
  route("GET", "/v1/prices", ({ context, params }) => {
    const product = params.string("product");
    const active = params.boolean("active");
    const type = params.oneOf("type", ["one_time", "recurring"] as const);
    const prices = Object.values(context.store.state.prices)
      .filter((price) => product === undefined || price.product === product)
      .filter((price) => active === undefined || price.active === active)
      .filter((price) => type === undefined || price.type === type)
      .reverse();
    return paginate("/v1/prices", prices, params);
  }),
  route("GET", "/v1/prices/:id", ({ context, pathParams }) => context.store.price(pathParams[0])),
  route("POST", "/v1/prices/:id", ({ context, pathParams, params }) => {
    const price = context.store.price(pathParams[0]);
    // A price's amount, currency and interval are fixed at Stripe: make a new price instead.
    for (const fixed of ["unit_amount", "currency", "recurring", "product"]) {
      if (params.has(fixed)) {
        throw invalidRequest(`Received unknown parameter: ${fixed}`, { param: fixed });
      }
    }
    const changes = {
      active: params.boolean("active") ?? price.active,
      metadata: mergeMetadata(price.metadata, params.metadata()),
      nickname: updatedText(params, "nickname", price.nickname),
      lookup_key: updatedText(params, "lookup_key", price.lookup_key),
    };
    const previous = changedFields(price, changes);
    Object.assign(price, changes);
    context.emit("price.updated", price, previous);
    return price;
  }),
];

/** The old values of the fields an update changes: an event's `previous_attributes`. */
export function changedFields<T extends object>(current: T, next: Partial<T>) {
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = current[key as keyof T];
    if (JSON.stringify(old) !== JSON.stringify(value)) previous[key] = old;
  }
  return previous;
}
