export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      all_types: {
        Row: {
          a_arr: string[]
          a_arr2: number[]
          a_bigser: number
          a_bool: boolean
          a_boolean: boolean
          a_bpchar: string
          a_bytea: string
          a_char: string
          a_char1: string
          a_cidr: unknown
          a_citext: string
          a_cv: string
          a_date: string
          a_dec: number
          a_double: number
          a_enum: Database["public"]["Enums"]["mood"]
          a_enums: Database["public"]["Enums"]["mood"][] | null
          a_float4: number
          a_float8: number
          a_half: unknown
          a_inet: unknown
          a_int: number
          a_int2: number
          a_int4: number
          a_int8: number
          a_integer: number
          a_iv: string
          a_json: NonNullable<Json>
          a_jsonb: NonNullable<Json>
          a_mac: unknown
          a_money: unknown
          a_num: number
          a_num_p: number
          a_num_ps: number
          a_real: number
          a_serial: number
          a_small: number
          a_smser: number
          a_sparse: unknown
          a_text: string
          a_time: string
          a_time_p: string
          a_timetz: string
          a_ts: string
          a_ts_p: string
          a_tstz: string
          a_tstz_p: string
          a_tsv: unknown
          a_uuid: string
          a_vc: string
          a_vec: string | null
          id: number
        }
        Insert: {
          a_arr: string[]
          a_arr2: number[]
          a_bigser?: number
          a_bool: boolean
          a_boolean: boolean
          a_bpchar: string
          a_bytea: string
          a_char: string
          a_char1: string
          a_cidr: unknown
          a_citext: string
          a_cv: string
          a_date: string
          a_dec: number
          a_double: number
          a_enum: Database["public"]["Enums"]["mood"]
          a_enums?: Database["public"]["Enums"]["mood"][] | null
          a_float4: number
          a_float8: number
          a_half?: unknown
          a_inet: unknown
          a_int: number
          a_int2: number
          a_int4: number
          a_int8: number
          a_integer: number
          a_iv: string
          a_json: NonNullable<Json>
          a_jsonb: NonNullable<Json>
          a_mac: unknown
          a_money: unknown
          a_num: number
          a_num_p: number
          a_num_ps: number
          a_real: number
          a_serial?: number
          a_small: number
          a_smser?: number
          a_sparse?: unknown
          a_text: string
          a_time: string
          a_time_p: string
          a_timetz: string
          a_ts: string
          a_ts_p: string
          a_tstz: string
          a_tstz_p: string
          a_tsv: unknown
          a_uuid: string
          a_vc: string
          a_vec?: string | null
          id?: never
        }
        Update: {
          a_arr?: string[]
          a_arr2?: number[]
          a_bigser?: number
          a_bool?: boolean
          a_boolean?: boolean
          a_bpchar?: string
          a_bytea?: string
          a_char?: string
          a_char1?: string
          a_cidr?: unknown
          a_citext?: string
          a_cv?: string
          a_date?: string
          a_dec?: number
          a_double?: number
          a_enum?: Database["public"]["Enums"]["mood"]
          a_enums?: Database["public"]["Enums"]["mood"][] | null
          a_float4?: number
          a_float8?: number
          a_half?: unknown
          a_inet?: unknown
          a_int?: number
          a_int2?: number
          a_int4?: number
          a_int8?: number
          a_integer?: number
          a_iv?: string
          a_json?: NonNullable<Json>
          a_jsonb?: NonNullable<Json>
          a_mac?: unknown
          a_money?: unknown
          a_num?: number
          a_num_p?: number
          a_num_ps?: number
          a_real?: number
          a_serial?: number
          a_small?: number
          a_smser?: number
          a_sparse?: unknown
          a_text?: string
          a_time?: string
          a_time_p?: string
          a_timetz?: string
          a_ts?: string
          a_ts_p?: string
          a_tstz?: string
          a_tstz_p?: string
          a_tsv?: unknown
          a_uuid?: string
          a_vc?: string
          a_vec?: string | null
          id?: never
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      mood: "sad" | "ok" | "happy"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
