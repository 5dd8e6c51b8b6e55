// Compiles against the generated types for schemas/agents.schema with supabase-js: a select
// embedding executions, insert/update payloads, enums and Constants; each @ts-expect-error
// proves a rejection (unknown column, missing required field, identity-always id, bad enum).
import { createClient } from "@supabase/supabase-js"
import type { Database, Json, Tables, TablesInsert, TablesUpdate, Enums } from "./database.types"
import { Constants } from "./database.types"

// true only when A and B are mutually assignable: a too-wide or too-narrow type fails.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

const supabase = createClient<Database>("http://localhost:54321", "key")

type InstanceWithExecutions = {
  id: string
  name: string
  status: Enums<"agent_status">
  last_heartbeat_at: string | null
  agent_executions: { id: string; status: Enums<"task_status">; output: Json | null }[]
}
type ExecutionWithAgent = {
  task: string
  error: string | null
  agent_instances: { name: string; agent_type: Enums<"agent_type"> }
}
type MetricWithExecution = {
  id: number
  cost_usd: number
  agent_executions: { task: string; started_at: string | null }
}

async function main() {
  // One-to-many embed (agent_executions.agent_id references agent_instances): an array.
  const { data, error } = await supabase
    .from("agent_instances")
    .select("id, name, status, last_heartbeat_at, agent_executions(id, status, output)")
    .eq("status", "running")
  if (error) throw error
  const instances: InstanceWithExecutions[] = data
  const instancesExact: Exact<typeof data, InstanceWithExecutions[]> = true

  // Many-to-one embeds through not-null foreign keys: one non-null object each.
  // (agent_metrics also links instances to executions, as a junction, so only this direction
  // pins down the agent_executions_agent_id_fkey relationship.)
  const { data: execution } = await supabase
    .from("agent_executions")
    .select("task, error, agent_instances(name, agent_type)")
    .single()
  const executionExact: Exact<typeof execution, ExecutionWithAgent | null> = true
  const { data: metric } = await supabase
    .from("agent_metrics")
    .select("id, cost_usd, agent_executions(task, started_at)")
    .single()
  const metricExact: Exact<typeof metric, MetricWithExecution | null> = true

  const agent: TablesInsert<"agent_instances"> = {
    owner_id: "00000000-0000-0000-0000-000000000001",
    name: "planner-1",
    agent_type: "planner",
    config: { model: "gpt-4o", tools: ["search"], limits: { tokens: 1000 } },
  }
  await supabase.from("agent_instances").insert(agent)
  const metricInsert: TablesInsert<"agent_metrics"> = {
    execution_id: "e",
    agent_id: "a",
    latency_ms: 12,
  }
  await supabase.from("agent_metrics").insert(metricInsert)

  const patch: TablesUpdate<"agent_executions"> = { status: "succeeded", output: null }
  await supabase.from("agent_executions").update(patch).eq("id", "e")
  await supabase.from("agent_metrics").update({ quality_score: 0.9 }).eq("id", 1)

  let status: Enums<"agent_status"> = "idle"
  for (const s of Constants.public.Enums.agent_status) status = s
  const types: readonly Enums<"agent_type">[] = Constants.public.Enums.agent_type
  const taskStatuses: Exact<
    (typeof Constants.public.Enums.task_status)[number],
    Enums<"task_status">
  > = true

  const { data: row } = await supabase.from("agent_metrics").select().eq("id", 1).single()
  if (!row) return
  const rowExact: Exact<typeof row, Tables<"agent_metrics">> = true
  const id: number = row.id
  const score: number | null = row.quality_score
  const scoreExact: Exact<Tables<"agent_metrics">["quality_score"], number | null> = true
  const latencyExact: Exact<Tables<"agent_metrics">["latency_ms"], number> = true
  const configExact: Exact<Tables<"agent_instances">["config"], NonNullable<Json>> = true
  const outputExact: Exact<Tables<"agent_executions">["output"], Json | null> = true
  const heartbeatExact: Exact<Tables<"agent_instances">["last_heartbeat_at"], string | null> = true
  const output: Json | null = instances[0].agent_executions[0].output

  // @ts-expect-error no such column
  row.nope
  // @ts-expect-error quality_score is nullable
  const notNull: number = row.quality_score
  // @ts-expect-error no such column on insert
  await supabase.from("agent_instances").insert({ ...agent, nope: 1 })
  // @ts-expect-error task is required
  const noTask: TablesInsert<"agent_executions"> = { agent_id: "a" }
  // @ts-expect-error latency_ms is required
  await supabase.from("agent_metrics").insert({ execution_id: "e", agent_id: "a" })
  // @ts-expect-error id is identity always: never insertable
  await supabase.from("agent_metrics").insert({ ...metricInsert, id: 7 })
  // @ts-expect-error id is identity always: never updatable
  const setId: TablesUpdate<"agent_metrics"> = { id: 7 }
  // @ts-expect-error not an agent_status
  const bad: Enums<"agent_status"> = "sleeping"
  // @ts-expect-error not a task_status
  await supabase.from("agent_executions").update({ status: "done" }).eq("id", "e")
  // @ts-expect-error not an agent_type
  await supabase.from("agent_instances").insert({ ...agent, agent_type: "manager" })
}

export { main }
