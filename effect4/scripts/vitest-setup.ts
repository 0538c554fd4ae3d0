// Lets `expect(...).toEqual` compare Effect data types (Option, DateTime, Data…) structurally.
import { addEqualityTesters } from "@effect/vitest"

addEqualityTesters()
