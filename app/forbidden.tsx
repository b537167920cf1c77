import { AccessDenied } from "@/components/feedback/access-denied";

export default function Forbidden() {
  return (
    <main>
      <AccessDenied />
    </main>
  );
}
