import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function Forbidden() {
  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-bold">403 · Admins only</h1>
      <p className="mt-2 text-sm text-slate-600">Your account cannot open this page.</p>
      <ButtonLink href="/offerings" variant="secondary" className="mt-4">
        Back to the catalog
      </ButtonLink>
    </Card>
  );
}
