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
      boards: {
        Row: {
          code: string
          id: number
          region: string
          slug: string
        }
        Insert: {
          code: string
          id?: never
          region: string
          slug: string
        }
        Update: {
          code?: string
          id?: never
          region?: string
          slug?: string
        }
        Relationships: []
      }
      bookings: {
        Row: {
          ends: string
          id: number
          note: string | null
          room: number
          starts: string
        }
        Insert: {
          ends: string
          id?: never
          note?: string | null
          room: number
          starts: string
        }
        Update: {
          ends?: string
          id?: never
          note?: string | null
          room?: number
          starts?: string
        }
        Relationships: []
      }
      slots: {
        Row: {
          board_id: number
          code: string | null
          id: number
          position: number
          region: string | null
        }
        Insert: {
          board_id: number
          code?: string | null
          id?: never
          position: number
          region?: string | null
        }
        Update: {
          board_id?: number
          code?: string | null
          id?: never
          position?: number
          region?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "slots_board_id_fkey"
            columns: ["board_id"]
            isOneToOne: false
            referencedRelation: "boards"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "slots_region_code_fkey"
            columns: ["region", "code"]
            isOneToOne: false
            referencedRelation: "boards"
            referencedColumns: ["region", "code"]
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
