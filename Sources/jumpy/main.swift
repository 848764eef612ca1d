print("jumpy")
