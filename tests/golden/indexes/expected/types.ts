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
      events: {
        Row: {
          actor: string | null
          created_at: string
          id: number
          kind: string
          payload: NonNullable<Json>
        }
        Insert: {
          actor?: string | null
          created_at?: string
          id?: never
          kind: string
          payload: NonNullable<Json>
        }
        Update: {
          actor?: string | null
          created_at?: string
          id?: never
          kind?: string
          payload?: NonNullable<Json>
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
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
