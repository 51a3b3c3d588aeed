# cls: a class attribute used as a counter shared by all instances
class Ticket:
    issued = 0
    def __init__(self):
        Ticket.issued += 1
        self.number = Ticket.issued
tickets = [Ticket() for i in range(3)]
print([t.number for t in tickets], Ticket.issued)
t = Ticket()
t.issued = 100
print("instance shadow:", t.issued, "class:", Ticket.issued)
