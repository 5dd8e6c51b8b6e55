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
      a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_x: {
        Row: {
          a_very_long_column_name_that_goes_on_and_on_and_on_for_ever: number
          another_long_column_name_that_is_also_quite_long_indeed_yes: number
          id: number
        }
        Insert: {
          a_very_long_column_name_that_goes_on_and_on_and_on_for_ever: number
          another_long_column_name_that_is_also_quite_long_indeed_yes: number
          id: number
        }
        Update: {
          a_very_long_column_name_that_goes_on_and_on_and_on_for_ever?: number
          another_long_column_name_that_is_also_quite_long_indeed_yes?: number
          id?: number
        }
        Relationships: []
      }
      "Ünïcödé_tâble_wïth_ä_löng_nämé_ëëëëëëëëë": {
        Row: {
          "çolumn_ñame": number
        }
        Insert: {
          "çolumn_ñame": number
        }
        Update: {
          "çolumn_ñame"?: number
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
