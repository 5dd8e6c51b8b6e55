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
      documents: {
        Row: {
          body: string | null
          created_at: string
          id: number
          kind: Database["public"]["Enums"]["doc_kind"]
          meta: Json | null
          title: string
          title_length: number | null
        }
        Insert: {
          body?: string | null
          created_at?: string
          id?: never
          kind?: Database["public"]["Enums"]["doc_kind"]
          meta?: Json | null
          title: string
        }
        Update: {
          body?: string | null
          created_at?: string
          id?: never
          kind?: Database["public"]["Enums"]["doc_kind"]
          meta?: Json | null
          title?: string
        }
        Relationships: []
      }
      tags: {
        Row: {
          name: string
          weight: number | null
        }
        Insert: {
          name: string
          weight?: number | null
        }
        Update: {
          name?: string
          weight?: number | null
        }
        Relationships: []
      }
    }
    Views: {
      document_stats: {
        Row: {
          kind: Database["public"]["Enums"]["doc_kind"] | null
          n: number | null
        }
        Relationships: []
      }
      document_titles: {
        Row: {
          id: number | null
          kind: Database["public"]["Enums"]["doc_kind"] | null
          shout: string | null
          title: string | null
        }
        Insert: {
          id?: number | null
          kind?: Database["public"]["Enums"]["doc_kind"] | null
          shout?: never
          title?: string | null
        }
        Update: {
          id?: number | null
          kind?: Database["public"]["Enums"]["doc_kind"] | null
          shout?: never
          title?: string | null
        }
        Relationships: []
      }
      tag_weights: {
        Row: {
          name: string | null
          weight: number | null
        }
        Relationships: []
      }
    }
    Functions: {
      document_count: { Args: Record<PropertyKey, never>; Returns: number }
      lookup:
        | {
            Args: { name: string }
            Returns: {
              name: string
              weight: number | null
            }[]
            SetofOptions: {
              from: "*"
              to: "tags"
              isOneToOne: false
              isSetofReturn: true
            }
          }
        | {
            Args: { min_weight: number; name: string }
            Returns: {
              name: string
              weight: number | null
            }[]
            SetofOptions: {
              from: "*"
              to: "tags"
              isOneToOne: false
              isSetofReturn: true
            }
          }
      match_documents: {
        Args: { match_count?: number; query: string }
        Returns: {
          id: number
          similarity: number
          title: string
        }[]
      }
      recent_documents: {
        Args: { since: string }
        Returns: {
          body: string | null
          created_at: string
          id: number
          kind: Database["public"]["Enums"]["doc_kind"]
          meta: Json | null
          title: string
        }[]
        SetofOptions: {
          from: "*"
          to: "documents"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      search_titles: {
        Args: { words: string[] }
        Returns: {
          id: number | null
          kind: Database["public"]["Enums"]["doc_kind"] | null
          shout: string | null
          title: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "document_titles"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      stats: {
        Args: Record<PropertyKey, never>
        Returns: Record<string, unknown>
      }
      title_length: {
        Args: { "": Database["public"]["Tables"]["documents"]["Row"] }
        Returns: {
          error: true
        } & "the function public.title_length with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      touch: { Args: { doc_id: number }; Returns: undefined }
    }
    Enums: {
      doc_kind: "note" | "page"
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
  public: {
    Enums: {
      doc_kind: ["note", "page"],
    },
  },
} as const
