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
          id: number
          owner_id: string
          published: boolean
          title: string
        }
        Insert: {
          id: number
          owner_id: string
          published: boolean
          title: string
        }
        Update: {
          id?: number
          owner_id?: string
          published?: boolean
          title?: string
        }
        Relationships: []
      }
    }
    Views: {
      my_titles: {
        Row: {}
        Relationships: []
      }
      /** Posts per owner. */
      post_counts: {
        Row: {}
        Relationships: []
      }
      /** Published posts, read with the reader's own rights. */
      published_posts: {
        Row: {}
        Relationships: []
      }
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
