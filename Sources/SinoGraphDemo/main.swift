print("sinograph")
