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
      account_pairs: {
        Row: {
          a: string
          b: string
        }
        Insert: {
          a: string
          b: string
        }
        Update: {
          a?: string
          b?: string
        }
        Relationships: [
          {
            foreignKeyName: "account_pairs_a_fkey"
            columns: ["a"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "account_pairs_b_fkey"
            columns: ["b"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["id"]
          },
        ]
      }
      accounts: {
        Row: {
          code: string
          email: string
          id: string
          tier: number
        }
        Insert: {
          code: string
          email: string
          id?: string
          tier: number
        }
        Update: {
          code?: string
          email?: string
          id?: string
          tier?: number
        }
        Relationships: []
      }
      transfers: {
        Row: {
          amount: number
          created_at: string
          fee: number
          from_id: string
          id: number
          note: string | null
          to_id: string
        }
        Insert: {
          amount: number
          created_at?: string
          fee?: number
          from_id: string
          id?: number
          note?: string | null
          to_id: string
        }
        Update: {
          amount?: number
          created_at?: string
          fee?: number
          from_id?: string
          id?: number
          note?: string | null
          to_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "transfers_from_id_fkey"
            columns: ["from_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "transfers_pair_fkey"
            columns: ["from_id", "to_id"]
            isOneToOne: false
            referencedRelation: "account_pairs"
            referencedColumns: ["a", "b"]
          },
          {
            foreignKeyName: "transfers_to_id_fkey"
            columns: ["to_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["id"]
          },
        ]
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
