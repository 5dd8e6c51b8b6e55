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
      posts: {
        Row: {
          /** Markdown body. */
          body: string | null
          created_at: string
          embedding: string | null
          id: string
          owner_id: string
          status: Database["public"]["Enums"]["post_status"]
          title: string
        }
        Insert: {
          /** Markdown body. */
          body?: string | null
          created_at?: string
          embedding?: string | null
          id?: string
          owner_id: string
          status?: Database["public"]["Enums"]["post_status"]
          title: string
        }
        Update: {
          /** Markdown body. */
          body?: string | null
          created_at?: string
          embedding?: string | null
          id?: string
          owner_id?: string
          status?: Database["public"]["Enums"]["post_status"]
          title?: string
        }
        Relationships: [
          {
            foreignKeyName: "posts_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      /** One row per auth user. */
      profiles: {
        Row: {
          created_at: string
          handle: string
          id: string
        }
        Insert: {
          created_at?: string
          handle: string
          id: string
        }
        Update: {
          created_at?: string
          handle?: string
          id?: string
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
      /** Editorial lifecycle of a post. */
      post_status: "draft" | "published" | "archived"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
