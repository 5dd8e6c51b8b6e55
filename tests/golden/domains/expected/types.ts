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
      people: {
        Row: {
          count: number
          home: Database["app"]["CompositeTypes"]["address"] | null
          id: number
          mood: Database["app"]["Enums"]["mood"] | null
          name: string
          nick: string | null
          pairs: Database["app"]["CompositeTypes"]["pair"][] | null
          scores: unknown[] | null
          tags: string[] | null
        }
        Insert: {
          count: number
          home?: Database["app"]["CompositeTypes"]["address"] | null
          id?: never
          mood?: Database["app"]["Enums"]["mood"] | null
          name: string
          nick?: string | null
          pairs?: Database["app"]["CompositeTypes"]["pair"][] | null
          scores?: unknown[] | null
          tags?: string[] | null
        }
        Update: {
          count?: number
          home?: Database["app"]["CompositeTypes"]["address"] | null
          id?: never
          mood?: Database["app"]["Enums"]["mood"] | null
          name?: string
          nick?: string | null
          pairs?: Database["app"]["CompositeTypes"]["pair"][] | null
          scores?: unknown[] | null
          tags?: string[] | null
        }
        Relationships: []
      }
    }
    Views: {
      named: {
        Row: {}
        Relationships: []
      }
    }
    Functions: {
      greet: {
        Args: { who: unknown }
        Returns: Database["app"]["CompositeTypes"]["address"]
        SetofOptions: {
          from: "*"
          to: "address"
          isOneToOne: true
          isSetofReturn: false
        }
      }
    }
    Enums: {
      mood: "sad" | "ok" | "happy"
    }
    CompositeTypes: {
      address: {
        street: string | null
        city: unknown
        zip: string | null
      }
      pair: {
        a: number | null
        b: unknown[] | null
      }
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
}
