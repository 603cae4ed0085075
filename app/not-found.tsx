import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function NotFound() {
  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-bold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        There is nothing here, or it is not yours to see.
      </p>
      <ButtonLink href="/offerings" variant="secondary" className="mt-4">
        Back to the catalog
      </ButtonLink>
    </Card>
  );
}
