export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  billing: {
    Tables: {
      invoices: {
        Row: {
          id: number
          number: number
        }
        Insert: {
          id?: never
          number?: number
        }
        Update: {
          id?: never
          number?: number
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
  public: {
    Tables: {
      tickets: {
        Row: {
          big: number
          counter: number
          down: number
          id: number
        }
        Insert: {
          big?: number
          counter?: number
          down?: number
          id?: number
        }
        Update: {
          big?: number
          counter?: number
          down?: number
          id?: number
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
