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
      chunks: {
        Row: {
          content: string
          embedding: string
          id: number
          sparse: unknown
          summary: unknown
        }
        Insert: {
          content: string
          embedding: string
          id?: number
          sparse?: unknown
          summary?: unknown
        }
        Update: {
          content?: string
          embedding?: string
          id?: number
          sparse?: unknown
          summary?: unknown
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
