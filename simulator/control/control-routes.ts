import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { listSpineAlerts } from "@/simulator/business/receive-alert";
import notable from "@/simulator/data/notable-patients.json";
import { armedFaultSchema } from "@/simulator/faults/fault-spec";
import { sendJson } from "@/simulator/http/http-io";
import { scenarios } from "@/simulator/seed/scenarios";
import { UnknownScenarioError } from "@/simulator/seed/seed-world";
import type { SimulatorContext } from "@/simulator/simulator-context";

interface ControlRequest {
  context: SimulatorContext;
  url: URL;
  body: string;
  match: RegExpExecArray;
}

type ControlHandler = (request: ControlRequest) => Promise<{ status: number; json: unknown }>;

const resetSchema = z.object({ scenario: z.string().optional() }).default({});

function parseJson(body: string): unknown {
  return body.trim() === "" ? undefined : JSON.parse(body);
}

async function seed(context: SimulatorContext, scenario: string | undefined) {
  try {
    await context.reset(scenario);
    return { status: 200, json: { status: "reset", scenario: context.scenario() } };
  } catch (error) {
    if (error instanceof UnknownScenarioError) return { status: 404, json: { error: error.message, scenarios: Object.keys(scenarios) } };
    throw error;
  }
}

async function lrsWithHistory(context: SimulatorContext, nhsNumber: string | null) {
  let query = context.db.selectFrom("legitimate_relationships").selectAll().orderBy("created_seq");
  if (nhsNumber) query = query.where("nhs_number", "=", nhsNumber);
  const lrs = await query.execute();
  const changes = lrs.length
    ? await context.db
        .selectFrom("lr_status_changes")
        .selectAll()
        .where(
          "lr_id",
          "in",
          lrs.map((lr) => lr.lr_id),
        )
        .orderBy("change_id")
        .execute()
    : [];
  return lrs.map((lr) => ({ ...lr, history: changes.filter((change) => change.lr_id === lr.lr_id) }));
}

/** The control API, as a table: method + path pattern → handler. Loopback only, and only when enabled. */
const controlRoutes: { method: string; path: RegExp; handler: ControlHandler }[] = [
  {
    method: "POST",
    path: /^\/_control\/reset$/,
    handler: ({ context, body }) => seed(context, resetSchema.parse(parseJson(body)).scenario),
  },
  {
    method: "GET",
    path: /^\/_control\/scenarios$/,
    handler: async ({ context }) => ({
      status: 200,
      json: {
        current: context.scenario(),
        scenarios: Object.entries(scenarios).map(([name, scenario]) => ({ name, description: scenario.description })),
      },
    }),
  },
  {
    method: "POST",
    path: /^\/_control\/scenarios\/([a-z0-9-]+)$/,
    handler: ({ context, match }) => seed(context, match[1]),
  },
  {
    method: "GET",
    path: /^\/_control\/messages$/,
    handler: async ({ context, url }) => {
      const limit = Math.min(Number(url.searchParams.get("limit") ?? "100") || 100, 1000);
      let query = context.db.selectFrom("message_log").selectAll().orderBy("log_id", "desc").limit(limit);
      const interactionId = url.searchParams.get("interactionId");
      if (interactionId) query = query.where("interaction_id", "=", interactionId);
      const direction = url.searchParams.get("direction");
      if (direction === "inbound" || direction === "outbound") query = query.where("direction", "=", direction);
      // One exchange: the message itself and everything that refers to it (acknowledgement, reply).
      const messageId = url.searchParams.get("messageId");
      if (messageId) query = query.where((eb) => eb.or([eb("message_id", "=", messageId), eb("ref_to_message_id", "=", messageId)]));
      return { status: 200, json: { messages: await query.execute() } };
    },
  },
  {
    method: "GET",
    path: /^\/_control\/faults$/,
    handler: async ({ context }) => ({
      status: 200,
      json: { catalogue: context.faults.catalogueEntries, armed: context.faults.listArmed() },
    }),
  },
  {
    method: "POST",
    path: /^\/_control\/faults$/,
    handler: async ({ context, body }) => {
      const parsed = armedFaultSchema.safeParse(parseJson(body));
      if (!parsed.success) return { status: 400, json: { error: "invalid fault", issues: parsed.error.issues } };
      return { status: 201, json: { id: context.faults.arm(parsed.data) } };
    },
  },
  {
    method: "DELETE",
    path: /^\/_control\/faults$/,
    handler: async ({ context }) => {
      context.faults.reset();
      return { status: 200, json: { status: "cleared" } };
    },
  },
  {
    method: "DELETE",
    path: /^\/_control\/faults\/(\d+)$/,
    handler: async ({ context, match }) =>
      context.faults.disarm(Number(match[1]))
        ? { status: 200, json: { status: "cleared", id: Number(match[1]) } }
        : { status: 404, json: { error: "no such fault" } },
  },
  {
    method: "GET",
    path: /^\/_control\/lrs$/,
    handler: async ({ context, url }) => ({ status: 200, json: { lrs: await lrsWithHistory(context, url.searchParams.get("nhsNumber")) } }),
  },
  {
    // LRs whose creation asked for an alert (kind "lr-alert-requested", as before), and the alerts
    // received as COMT_IN000001UK01 in `spineAlerts` (also at /_control/spine-alerts).
    method: "GET",
    path: /^\/_control\/alerts$/,
    handler: async ({ context, url }) => ({
      status: 200,
      json: {
        alerts: (
          await context.db
            .selectFrom("legitimate_relationships")
            .selectAll()
            .where("alert_requested", "=", true)
            .orderBy("created_seq")
            .execute()
        ).map((lr) => ({ ...lr, kind: "lr-alert-requested" as const })),
        spineAlerts: await listSpineAlerts(context.db, { nhsNumber: url.searchParams.get("nhsNumber") }),
      },
    }),
  },
  {
    method: "GET",
    path: /^\/_control\/spine-alerts$/,
    handler: async ({ context, url }) => ({
      status: 200,
      json: { alerts: await listSpineAlerts(context.db, { nhsNumber: url.searchParams.get("nhsNumber") }) },
    }),
  },
  {
    method: "GET",
    path: /^\/_control\/notable$/,
    handler: async ({ context }) => ({
      status: 200,
      json: {
        patients: notable.patients,
        faults: context.faults.catalogueEntries.map(({ name, nhsNumber, description, fault }) => ({
          name,
          nhsNumber,
          kind: fault.kind,
          description,
        })),
      },
    }),
  },
];

/** Answers a /_control/… request; false when no route matched (the caller sends 404). */
export async function handleControlRequest(
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  body: string,
): Promise<boolean> {
  for (const route of controlRoutes) {
    const match = route.path.exec(url.pathname);
    if (!match || route.method !== request.method) continue;
    try {
      const { status, json } = await route.handler({ context, url, body, match });
      sendJson(response, status, json);
    } catch (error) {
      const status = error instanceof SyntaxError || error instanceof z.ZodError ? 400 : 500;
      sendJson(response, status, { error: (error as Error).message });
    }
    return true;
  }
  return false;
}
