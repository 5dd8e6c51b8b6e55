export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  app: {
    Tables: {
      accounts: {
        Row: {
          id: number
          legacy_id: number | null
        }
        Insert: {
          id?: number
          legacy_id?: number | null
        }
        Update: {
          id?: number
          legacy_id?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "accounts_legacy_id_fkey"
            columns: ["legacy_id"]
            isOneToOne: false
            referencedRelation: "legacy_users"
            referencedColumns: ["id"]
          },
        ]
      }
      legacy_users: {
        Row: {
          id: number
          name: string
        }
        Insert: {
          id: number
          name: string
        }
        Update: {
          id?: number
          name?: string
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
      [_ in never]: never
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
  Reporting: {
    Tables: {
      "Daily Totals": {
        Row: {
          day: string
          total: number
        }
        Insert: {
          day: string
          total: number
        }
        Update: {
          day?: string
          total?: number
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
