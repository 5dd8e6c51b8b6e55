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
      /**
       * What PostgreSQL 18 added: NOT NULL constraints with a name, NO INHERIT or NOT VALID, and
       * virtual generated columns (computed when read).
       */
      orders: {
        Row: {
          cents: number
          customer: string
          id: number
          note: string
          quantity: number
          taxed: number | null
          total: number
        }
        Insert: {
          cents: number
          customer: string
          id?: never
          note: string
          quantity: number
          taxed?: never
          total?: never
        }
        Update: {
          cents?: number
          customer?: string
          id?: never
          note?: string
          quantity?: number
          taxed?: never
          total?: never
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
