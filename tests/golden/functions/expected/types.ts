export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  private: {
    Tables: {
      [_ in never]: never
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      is_member: { Args: { account: string }; Returns: boolean }
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
      documents: {
        Row: {
          content: string
          embedding: string
          id: number
        }
        Insert: {
          content: string
          embedding: string
          id?: never
        }
        Update: {
          content?: string
          embedding?: string
          id?: never
        }
        Relationships: []
      }
      profiles: {
        Row: {
          full_name: string | null
          id: string
          updated_at: string
        }
        Insert: {
          full_name?: string | null
          id: string
          updated_at?: string
        }
        Update: {
          full_name?: string | null
          id?: string
          updated_at?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      match_documents: {
        Args: { match_count?: number; query_embedding: string }
        Returns: {
          content: string
          id: number
          similarity: number
        }[]
      }
      search_profiles: {
        Args: { max_rows?: number; query: string }
        Returns: {
          full_name: string | null
          id: string
          updated_at: string
        }[]
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      touch:
        | { Args: { t: string }; Returns: string }
        | { Args: { by: string; t: string }; Returns: string }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
