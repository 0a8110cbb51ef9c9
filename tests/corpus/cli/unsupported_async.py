import gc

async def fetch():
    return 1

print("the lab never gets here")
