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
      /** Things. */
      things: {
        Row: {
          check: string | null
          /** Colour of the thing. */
          color: Database["public"]["Enums"]["color"]
          "Display Name": string | null
          id: number
        }
        Insert: {
          check?: string | null
          /** Colour of the thing. */
          color?: Database["public"]["Enums"]["color"]
          "Display Name"?: string | null
          id?: number
        }
        Update: {
          check?: string | null
          /** Colour of the thing. */
          color?: Database["public"]["Enums"]["color"]
          "Display Name"?: string | null
          id?: number
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
      color: "red" | "green" | "blue"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
