export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  api: {
    Tables: {
      [_ in never]: never
    }
    Views: {
      books: {
        Row: {
          author_id: number | null
          id: number | null
          title: string | null
        }
        Insert: {
          author_id?: number | null
          id?: number | null
          title?: string | null
        }
        Update: {
          author_id?: number | null
          id?: number | null
          title?: string | null
        }
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
  public: {
    Tables: {
      authors: {
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
      book_details: {
        Row: {
          book_id: number
          pages: number | null
        }
        Insert: {
          book_id: number
          pages?: number | null
        }
        Update: {
          book_id?: number
          pages?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "book_details_book_id_fkey"
            columns: ["book_id"]
            isOneToOne: true
            referencedRelation: "book_authors"
            referencedColumns: ["book_id"]
          },
          {
            foreignKeyName: "book_details_book_id_fkey"
            columns: ["book_id"]
            isOneToOne: true
            referencedRelation: "book_list"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "book_details_book_id_fkey"
            columns: ["book_id"]
            isOneToOne: true
            referencedRelation: "books"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "book_details_book_id_fkey"
            columns: ["book_id"]
            isOneToOne: true
            referencedRelation: "recent_books"
            referencedColumns: ["id"]
          },
        ]
      }
      books: {
        Row: {
          author_id: number | null
          editor_id: number | null
          id: number
          title: string
        }
        Insert: {
          author_id?: number | null
          editor_id?: number | null
          id: number
          title: string
        }
        Update: {
          author_id?: number | null
          editor_id?: number | null
          id?: number
          title?: string
        }
        Relationships: [
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "author_names"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "authors"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "book_authors"
            referencedColumns: ["author_id"]
          },
          {
            foreignKeyName: "books_editor_id_fkey"
            columns: ["editor_id"]
            isOneToOne: false
            referencedRelation: "author_names"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_editor_id_fkey"
            columns: ["editor_id"]
            isOneToOne: false
            referencedRelation: "authors"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_editor_id_fkey"
            columns: ["editor_id"]
            isOneToOne: false
            referencedRelation: "book_authors"
            referencedColumns: ["author_id"]
          },
        ]
      }
      editions: {
        Row: {
          book_id: number
          number: number
        }
        Insert: {
          book_id: number
          number: number
        }
        Update: {
          book_id?: number
          number?: number
        }
        Relationships: []
      }
      prints: {
        Row: {
          book_id: number
          edition: number
          id: number
        }
        Insert: {
          book_id: number
          edition: number
          id: number
        }
        Update: {
          book_id?: number
          edition?: number
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "prints_edition_fkey"
            columns: ["book_id", "edition"]
            isOneToOne: false
            referencedRelation: "editions"
            referencedColumns: ["book_id", "number"]
          },
        ]
      }
      tags: {
        Row: {
          name: string
        }
        Insert: {
          name: string
        }
        Update: {
          name?: string
        }
        Relationships: []
      }
    }
    Views: {
      author_names: {
        Row: {
          id: number | null
          name: string | null
        }
        Insert: {
          id?: number | null
          name?: string | null
        }
        Update: {
          id?: number | null
          name?: string | null
        }
        Relationships: []
      }
      book_authors: {
        Row: {
          author_id: number | null
          book_id: number | null
          editor_id: number | null
          name: string | null
        }
        Relationships: [
          {
            foreignKeyName: "books_editor_id_fkey"
            columns: ["editor_id"]
            isOneToOne: false
            referencedRelation: "author_names"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_editor_id_fkey"
            columns: ["editor_id"]
            isOneToOne: false
            referencedRelation: "authors"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_editor_id_fkey"
            columns: ["editor_id"]
            isOneToOne: false
            referencedRelation: "book_authors"
            referencedColumns: ["author_id"]
          },
        ]
      }
      book_list: {
        Row: {
          author_id: number | null
          id: number | null
          shout: string | null
          title: string | null
          writer: number | null
        }
        Insert: {
          author_id?: number | null
          id?: number | null
          shout?: never
          title?: string | null
          writer?: number | null
        }
        Update: {
          author_id?: number | null
          id?: number | null
          shout?: never
          title?: string | null
          writer?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "author_names"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["writer"]
            isOneToOne: false
            referencedRelation: "author_names"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "authors"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["writer"]
            isOneToOne: false
            referencedRelation: "authors"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "book_authors"
            referencedColumns: ["author_id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["writer"]
            isOneToOne: false
            referencedRelation: "book_authors"
            referencedColumns: ["author_id"]
          },
        ]
      }
      edition_numbers: {
        Row: {
          number: number | null
        }
        Insert: {
          number?: number | null
        }
        Update: {
          number?: number | null
        }
        Relationships: []
      }
      print_runs: {
        Row: {
          book_id: number | null
          edition: number | null
          id: number | null
        }
        Relationships: [
          {
            foreignKeyName: "prints_edition_fkey"
            columns: ["book_id", "edition"]
            isOneToOne: false
            referencedRelation: "editions"
            referencedColumns: ["book_id", "number"]
          },
        ]
      }
      recent_books: {
        Row: {
          author_id: number | null
          id: number | null
          title: string | null
        }
        Insert: {
          author_id?: number | null
          id?: number | null
          title?: string | null
        }
        Update: {
          author_id?: number | null
          id?: number | null
          title?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "author_names"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "authors"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "books_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "book_authors"
            referencedColumns: ["author_id"]
          },
        ]
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

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  api: {
    Enums: {},
  },
  public: {
    Enums: {},
  },
} as const
